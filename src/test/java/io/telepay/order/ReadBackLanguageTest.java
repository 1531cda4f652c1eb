package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telepay.shared.InvalidInput;
import org.junit.jupiter.api.Test;

class ReadBackLanguageTest {

    @Test
    void namedLanguagesMapTraditionalSimplifiedAndEnglish() {
        assertThat(ReadBackLanguage.named("zh-TW", "lang")).isEqualTo(ReadBackLanguage.ZH_TW);
        assertThat(ReadBackLanguage.named("zh_TW", "lang")).isEqualTo(ReadBackLanguage.ZH_TW);
        assertThat(ReadBackLanguage.named("zh-Hant", "lang")).isEqualTo(ReadBackLanguage.ZH_TW);
        assertThat(ReadBackLanguage.named("zh-HK", "lang")).isEqualTo(ReadBackLanguage.ZH_TW);
        assertThat(ReadBackLanguage.named("zh-CN", "lang")).isEqualTo(ReadBackLanguage.ZH_CN);
        assertThat(ReadBackLanguage.named("zh-Hans", "lang")).isEqualTo(ReadBackLanguage.ZH_CN);
        assertThat(ReadBackLanguage.named("zh", "lang")).isEqualTo(ReadBackLanguage.ZH_CN);
        assertThat(ReadBackLanguage.named("en-US", "lang")).isEqualTo(ReadBackLanguage.EN);
    }

    @Test
    void anUnsupportedNamedLanguageIs400NamingTheParameter() {
        assertThatThrownBy(() -> ReadBackLanguage.named("ja", "lang"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("lang"));
        assertThatThrownBy(() -> ReadBackLanguage.named("<script>", "lang")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> ReadBackLanguage.named("x".repeat(100), "lang")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void acceptLanguageTakesTheFirstSupportedRangeByWeight() {
        assertThat(ReadBackLanguage.accepted("zh-TW,zh;q=0.9,en;q=0.8")).isEqualTo(ReadBackLanguage.ZH_TW);
        assertThat(ReadBackLanguage.accepted("zh-CN,zh;q=0.9")).isEqualTo(ReadBackLanguage.ZH_CN);
        assertThat(ReadBackLanguage.accepted("ja;q=1.0, en;q=0.5, zh-TW;q=0.7")).isEqualTo(ReadBackLanguage.ZH_TW);
        assertThat(ReadBackLanguage.accepted("fr-FR, de")).isEqualTo(ReadBackLanguage.EN);
        assertThat(ReadBackLanguage.accepted(null)).isEqualTo(ReadBackLanguage.EN);
        assertThat(ReadBackLanguage.accepted(";;;==")).isEqualTo(ReadBackLanguage.EN);
    }
}
