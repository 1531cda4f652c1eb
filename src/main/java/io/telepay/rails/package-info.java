/**
 * Where the payment rails meet Telepay's payments: applies what a payment platform reports on its own
 * (disputes, refunds made on its dashboard) through the payment module's public services, and keeps
 * payment sessions from opening while the platform cannot take payments. A module of its own because the
 * payment module depends on the gateway, so the gateway cannot call payments back.
 */
package io.telepay.rails;
