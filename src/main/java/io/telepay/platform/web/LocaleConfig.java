package io.telepay.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Pages speak 繁體中文, 简体中文 or English: the {@code ?lang=} switch (remembered in a cookie) first,
 * then the browser's {@code Accept-Language}, then English.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfig implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.TRADITIONAL_CHINESE, Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("TELEPAY_LANG") {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return supported(super.resolveLocale(request));
            }
        };
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> {
            var ranges = request.getHeader("Accept-Language");
            if (ranges == null || ranges.isBlank()) {
                return Locale.ENGLISH;
            }
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(ranges), SUPPORTED);
                return best != null ? best : fallback(ranges);
            } catch (IllegalArgumentException malformed) {
                return Locale.ENGLISH;
            }
        });
        return resolver;
    }

    /** zh-HK and zh-Hant read Traditional; zh, zh-SG and zh-Hans read Simplified. */
    private static Locale fallback(String ranges) {
        String lower = ranges.toLowerCase(Locale.ROOT);
        if (lower.startsWith("zh-hant") || lower.startsWith("zh-hk") || lower.startsWith("zh-mo")) {
            return Locale.TRADITIONAL_CHINESE;
        }
        return lower.startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    static Locale supported(Locale locale) {
        if (locale == null) {
            return Locale.ENGLISH;
        }
        if ("zh".equals(locale.getLanguage())) {
            boolean traditional = "TW".equals(locale.getCountry()) || "HK".equals(locale.getCountry())
                    || "MO".equals(locale.getCountry()) || "Hant".equals(locale.getScript());
            return traditional ? Locale.TRADITIONAL_CHINESE : Locale.SIMPLIFIED_CHINESE;
        }
        return Locale.ENGLISH;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
