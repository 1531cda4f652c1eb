package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;

class PhrasesTest {

    private static final Locale TW = Locale.forLanguageTag("zh-TW");
    private static final Locale CN = Locale.forLanguageTag("zh-CN");
    private static final Pattern PART = Pattern.compile("\\{([A-Za-z0-9_.]+)}");

    private final Phrases phrases = new Phrases(messages());

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    private String in(Locale locale, String text) {
        LocaleContextHolder.setLocale(locale);
        return phrases.of(text);
    }

    @Test
    void aRuleReasonReadsInTheReadersLanguageWithItsValues() {
        assertThat(in(TW, "card tried 5 times in 10 minutes")).isEqualTo("這張卡 10 分鐘內試了 5 次");
        assertThat(in(CN, "card tried 5 times in 10 minutes")).isEqualTo("这张卡 10 分钟内试了 5 次");
        assertThat(in(TW, "new card, 25000 TWD at 3 o'clock")).isEqualTo("新卡，3 點付款 25000 TWD");
        assertThat(in(TW, "Card on many agents' sales")).isEqualTo("一張卡出現在多位客服專員的銷售");
    }

    @Test
    void partsAreReadTooListsItemByItem() {
        assertThat(in(TW, "call call_bauz6waoozynnj7tdfpwe6fxdu, note note_yry4fwu4ihiyqrvw4u2xvhkarq: asked for one-time code, PIN"))
                .isEqualTo("通話 call_bauz6waoozynnj7tdfpwe6fxdu 的備註 note_yry4fwu4ihiyqrvw4u2xvhkarq：索取驗證碼、PIN 碼");
        assertThat(in(CN, "call call_b, note note_1 (written by usr_2): held card number (removed before storage)"))
                .as("the longer template wins over the one it contains").isEqualTo("通话 call_b 的备注 note_1（usr_2 写的）：含有卡号（保存前已移除）");
        assertThat(in(TW, "card paid for 3 customers in 7 days, of 2 agents (payment pay_1, customer cus_2, agent usr_3)"))
                .isEqualTo("這張卡 7 天內替 2 位客服專員的 3 位客戶付款（付款 pay_1，客戶 cus_2，客服專員 usr_3）");
        assertThat(in(TW, "FRAUD: alert alr_9 (CARD_TESTING) resolved as FRAUD on card 0a1b2c3d4e5f… (payment pay_7)"))
                .startsWith("詐騙：警示 alr_9（").endsWith("）判定為詐騙，卡片 0a1b2c3d4e5f…（付款 pay_7）").doesNotContain("CARD_TESTING");
        assertThat(in(TW, "linked to fraud: card 0a1b2c3d4e5f… labelled FRAUD (chargeback on payment pay_7) → customer cus_8"))
                .isEqualTo("與詐騙有關：卡片 0a1b2c3d4e5f… 被標為詐騙（付款 pay_7 遭拒付） → 客戶 cus_8");
        assertThat(in(TW, "payment pay_1 refunded 3 h after capture (customer cus_2)")).isEqualTo("付款 pay_1 請款後 3 小時 就退款（客戶 cus_2）");
    }

    @Test
    void whatNoTemplateMatchesIsShownAsWritten() {
        assertThat(in(TW, "金額與平常不同，需人工審核")).isEqualTo("金額與平常不同，需人工審核");
        assertThat(in(TW, "My own rule")).isEqualTo("My own rule");
        assertThat(in(TW, "card is on the block list: card stolen"))
                .as("{id} needs a digit: an analyst's 'card stolen' is not a card id").isEqualTo("卡片在封鎖名單上：card stolen");
        assertThat(in(TW, "night shift h")).as("{n} is a number").isEqualTo("night shift h");
        assertThat(in(TW, null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"card tried 5 times in 10 minutes", "call call_1, note note_2: asked for one-time code, PIN",
            "card paid for 3 customers in 7 days, of 2 agents (payment pay_1, customer cus_2)", "3 past orders", "lead 4 days old"})
    void inEnglishTheTextStaysAsStored(String stored) {
        assertThat(in(Locale.ENGLISH, stored)).isEqualTo(stored);
    }

    @Test
    void idsComeApartToBeShownAsCode() {
        LocaleContextHolder.setLocale(TW);
        assertThat(phrases.reading("payment pay_shwlb322sb53zb5ucb7sbiewua refunded 5 min after capture (customer <b>x</b>)").pieces())
                .containsExactly(new Phrases.Piece("付款 ", false), new Phrases.Piece("pay_shwlb322sb53zb5ucb7sbiewua", true),
                        new Phrases.Piece(" 請款後 5 分鐘 就退款（客戶 <b>x</b>）", false));
        assertThat(phrases.reading(null).pieces()).isEmpty();
        assertThat(phrases.reading("My own rule").known()).as("words someone wrote").isFalse();
    }

    @Test
    void aFieldMessageReadsByItsWordsOrByItsTemplateWhenANumberIsInIt() {
        FieldMessages fields = new FieldMessages(messages(), phrases);
        LocaleContextHolder.setLocale(TW);
        assertThat(fields.of("is required")).isEqualTo("必須填寫");
        assertThat(fields.of("must be at most 200 characters")).isEqualTo("最多 200 個字元");
        assertThat(fields.of("must be from 1 to 99")).isEqualTo("須為 1 到 99");
        assertThat(fields.of("must look like nothing we wrote")).isEqualTo("must look like nothing we wrote");
        assertThat(fields.of("must be SHADOW first for a rule on model.fraudScore: watch what it matches, then switch it ACTIVE"))
                .isEqualTo("以 model.fraudScore 為條件的規則須先以影子模式執行：看過它會命中哪些付款，再改為啟用");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(fields.of("is not a product on sale (unknown or inactive SKU)")).isEqualTo("is not a product on sale");
    }

    /** Every phrase has words in each language, with the same parts: a part missing in Chinese would drop a value. */
    @Test
    void everyPhraseIsTranslatedWithTheSameParts() throws IOException {
        Properties english = load("messages.properties");
        for (String file : new String[] {"messages_zh_TW.properties", "messages_zh_CN.properties"}) {
            Properties chinese = load(file);
            for (String key : english.stringPropertyNames()) {
                if (key.startsWith("phrase.")) {
                    assertThat(chinese.getProperty(key)).as(file + " " + key).isNotNull();
                    assertThat(parts(chinese.getProperty(key))).as(file + " " + key).isEqualTo(parts(english.getProperty(key)));
                }
            }
        }
    }

    private static Set<String> parts(String text) {
        Set<String> parts = new TreeSet<>();
        Matcher part = PART.matcher(text);
        while (part.find()) {
            parts.add(part.group(1));
        }
        return parts;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(new ClassPathResource(name).getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
