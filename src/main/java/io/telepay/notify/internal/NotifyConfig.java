package io.telepay.notify.internal;

import io.telepay.shared.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Picks the providers from the configuration: an HTTP SMS provider when {@code TELEPAY_SMS_URL} is set,
 * SMTP when {@code spring.mail.host} is set; otherwise the message log, which the console shows on the
 * embedded demo so a newcomer can open a pay link.
 */
@Configuration(proxyBeanMethods = false)
class NotifyConfig {

    private static final Logger log = LoggerFactory.getLogger(NotifyConfig.class);
    static final String MESSAGE_LOG = "message-log";

    @Bean
    SmsSender smsSender(@Value("${telepay.notify.sms.url:}") String url, @Value("${telepay.notify.sms.token:}") String token,
                        @Value("${telepay.notify.sms.sender:Telepay}") String sender, Deployment deployment) {
        if (!url.isBlank()) {
            return new HttpSmsSender(url, token, sender);
        }
        if (!deployment.embedded()) {
            log.warn("No SMS provider configured (TELEPAY_SMS_URL): SMS go to the message log only");
        }
        return (to, body) -> MESSAGE_LOG;
    }

    @Bean
    EmailSender emailSender(ObjectProvider<JavaMailSender> mail, @Value("${spring.mail.host:}") String host,
                            @Value("${telepay.notify.email.from:no-reply@telepay.example}") String from, Deployment deployment) {
        if (!host.isBlank() && mail.getIfAvailable() != null) {
            return new SmtpEmailSender(mail.getObject(), from);
        }
        if (!deployment.embedded()) {
            log.warn("No SMTP server configured (TELEPAY_SMTP_HOST): e-mails go to the message log only");
        }
        return (to, subject, body) -> MESSAGE_LOG;
    }
}
