package io.telepay.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error answer — for requests it refuses before any Telepay code runs (a malformed
 * request line, an encoded slash, oversized headers) — as problem+json instead of Tomcat's HTML page
 * with its version number. Errors Telepay handles never reach this valve.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String slug = ProblemHandler.slug(status);
        String detail = status >= 500 ? "Something went wrong on our side" : "The request could not be processed";
        String body = "{\"type\":\"urn:telepay:problem:" + slug + "\",\"title\":\"" + slug.replace('-', ' ')
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone; nothing to answer
        }
    }
}
