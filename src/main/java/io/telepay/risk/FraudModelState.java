package io.telepay.risk;

/**
 * What the risk engine scores fraud with.
 *
 * @param activeVersion the ACTIVE model giving {@code model.fraudScore}, or null
 * @param shadowVersion the SHADOW model giving {@code model.shadowFraudScore}, or null
 * @param problem       why a model that should score does not (it cannot load), or null
 */
public record FraudModelState(String activeVersion, String shadowVersion, String problem) {
}
