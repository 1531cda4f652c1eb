package io.telepay.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerTextsTest {

    private static Properties catalog(String suffix) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = CustomerTexts.class.getResourceAsStream("/notify/customer-texts" + suffix + ".properties")) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"_zh_TW", "_zh_CN"})
    void everyLanguageSaysEveryPurpose(String suffix) throws IOException {
        Set<Object> english = catalog("").keySet();
        assertThat(catalog(suffix).keySet()).as("no text falls back to English alone").isEqualTo(english);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_zh_TW", "_zh_CN"})
    void everyMessageSaysWhatWeNeverAskFor(String suffix) throws IOException {
        Properties texts = catalog(suffix);
        for (String key : texts.stringPropertyNames()) {
            if (key.endsWith(".body")) {
                assertThat(texts.getProperty(key)).as(suffix + " " + key).containsAnyOf("never", "絕不", "绝不");
            }
        }
    }

    @Test
    void aMessageIsInTheCustomersLanguageThenInEnglish() {
        String body = CustomerTexts.bilingual("pay-link.body", Locale.TRADITIONAL_CHINESE, "Acme", "NT$1,200", "30",
                "https://pay.example/pay/abc");
        assertThat(body).isEqualTo("""
                Acme：您的訂單應付 NT$1,200，請於 30 分鐘內在此付款 https://pay.example/pay/abc 我們絕不會索取 PIN、卡片密碼或簡訊驗證碼。
                Acme: pay NT$1,200 within 30 minutes at https://pay.example/pay/abc We never ask for your PIN, card password or SMS code.""");
        assertThat(CustomerTexts.subject("receipt.subject", Locale.SIMPLIFIED_CHINESE, "Acme", "ord_1"))
                .isEqualTo("Acme 扣款通知 Payment receipt ord_1");
    }

    @Test
    void mainlandCustomersReadSimplifiedChinese() {
        assertThat(CustomerTexts.languageOf(null, "CN", "+886912345678")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(CustomerTexts.languageOf(null, null, "+8613800138000")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(CustomerTexts.languageOf(null, "TW", "+8613800138000")).isEqualTo(Locale.TRADITIONAL_CHINESE);
        assertThat(CustomerTexts.languageOf(null, null, "+886912345678")).isEqualTo(Locale.TRADITIONAL_CHINESE);
    }

    @Test
    void theLanguageACustomerChoseComesFirst() {
        assertThat(CustomerTexts.languageOf("zh-TW", "CN", "+8613800138000")).isEqualTo(Locale.TRADITIONAL_CHINESE);
        assertThat(CustomerTexts.languageOf("zh-CN", "TW", "+886912345678")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        Locale english = CustomerTexts.languageOf("en", null, "+8613800138000");
        assertThat(CustomerTexts.bilingual("pay-link.body", english, "Acme", "NT$1,200", "30", "https://pay.example/pay/abc"))
                .as("English once, not twice").isEqualTo("Acme: pay NT$1,200 within 30 minutes at https://pay.example/pay/abc "
                        + "We never ask for your PIN, card password or SMS code.");
        assertThat(CustomerTexts.subject("receipt.subject", english, "Acme", "K7M2 QX9P")).isEqualTo("Acme Payment receipt K7M2 QX9P");
    }
}
