package io.telepay.notify.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * A generic HTTP SMS provider: {@code POST <url>} with {@code {"to", "body", "sender"}} and a bearer
 * token; any 2xx is accepted, its JSON {@code id} kept as the provider reference. 4xx other than 429
 * is permanent (a bad number will not get better), the rest is retried.
 */
class HttpSmsSender implements SmsSender {

    private final RestClient http;
    private final String sender;

    HttpSmsSender(String url, String token, String sender) {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.http = RestClient.builder().baseUrl(url).requestFactory(requests)
                .defaultHeader("Authorization", "Bearer " + token).build();
        this.sender = sender;
    }

    @Override
    public String send(String toE164, String body) throws DeliveryFailed {
        try {
            Map<?, ?> answer = http.post().contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("to", toE164, "body", body, "sender", sender))
                    .retrieve().body(Map.class);
            Object id = answer == null ? null : answer.get("id");
            return id == null ? "sms-provider" : "sms-provider:" + id;
        } catch (RestClientResponseException e) {
            HttpStatusCode status = e.getStatusCode();
            boolean permanent = status.is4xxClientError() && status.value() != 429 && status.value() != 408;
            throw new DeliveryFailed("SMS provider answered " + status.value(), permanent);
        } catch (RestClientException e) {
            throw new DeliveryFailed("SMS provider unreachable: " + e.getClass().getSimpleName(), false);
        }
    }
}
