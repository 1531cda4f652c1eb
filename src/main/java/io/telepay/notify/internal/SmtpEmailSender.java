package io.telepay.notify.internal;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Plain-text e-mail over SMTP (Jakarta Mail), UTF-8 so Chinese reads right everywhere. */
class SmtpEmailSender implements EmailSender {

    private final JavaMailSender mail;
    private final String from;

    SmtpEmailSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public String send(String to, String subject, String body) throws DeliveryFailed {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject == null ? "" : subject);
            helper.setText(body, false);
            mail.send(message);
            return "smtp:" + message.getMessageID();
        } catch (MailAuthenticationException e) {
            throw new DeliveryFailed("SMTP authentication failed", false);
        } catch (MailException | MessagingException e) {
            throw new DeliveryFailed("SMTP delivery failed: " + e.getClass().getSimpleName(), false);
        }
    }
}
