package io.telepay.platform.logging;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import io.telepay.shared.CardNumbers;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * Encodes log lines as text or JSON ({@code TELEPAY_LOG_FORMAT=json}) and masks any card-number-like
 * run in the finished line: message, arguments, MDC and stack traces alike. Defence in depth: the
 * vault never logs a card number, this catches the day someone else does.
 */
public class CardMaskingEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern;
    private Encoder<ILoggingEvent> delegate;

    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if ("json".equalsIgnoreCase(format)) {
            StructuredLogEncoder json = new StructuredLogEncoder();
            json.setFormat("logstash");
            json.setCharset(StandardCharsets.UTF_8);
            delegate = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            text.setCharset(StandardCharsets.UTF_8);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] line = delegate.encode(event);
        String text = new String(line, StandardCharsets.UTF_8);
        String masked = CardNumbers.mask(text);
        return masked == text ? line : masked.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
