package io.telepay.idempotency;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Lets {@link IdempotencyInterceptor} read the body before the handler does and keep the response
 * after it — only for requests that carry an {@code Idempotency-Key}; every other request passes
 * untouched and pays nothing. Runs after the body size limit, so a keyed body is never read past it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    /**
     * The same key in a console form (a browser cannot set a header on a form post); the header wins. Read only
     * on the console's form posts, whose parameters the CSRF check parses anyway.
     */
    static final String FORM_FIELD = "idempotencyKey";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return key(request) == null;
    }

    /** The request's key: the header, else for a form post the form field; null when it has neither. */
    static String key(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null || !"POST".equals(request.getMethod())
                || !request.getRequestURI().startsWith(request.getContextPath() + "/console/")) {
            return header;
        }
        String type = request.getContentType();
        // reading a parameter parses the body: only for a form, which the container parses anyway
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                ? request.getParameter(FORM_FIELD) : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper caching = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBodyRequest(request), caching);
        } finally {
            caching.copyBodyToResponse();
        }
    }

    /** The body read once, on demand, then served from memory to whoever reads it next. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private byte[] body;
        private IOException failure;

        CachedBodyRequest(HttpServletRequest request) {
            super(request);
        }

        /** The whole body; a failure to read it (too large, client gone) is kept and met again by the handler. */
        byte[] body() throws IOException {
            if (body == null && failure == null) {
                try {
                    body = super.getInputStream().readAllBytes();
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return body;
        }

        boolean bodyRead() {
            return body != null || failure != null;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (!bodyRead()) {
                return super.getInputStream();
            }
            ByteArrayInputStream in = new ByteArrayInputStream(body());
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (!bodyRead()) {
                return super.getReader();
            }
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
