package io.telepay.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailsTest {

    @Test
    void masksLocalPartAndDomainButTheTopLevel() {
        assertThat(Emails.mask("chen.chihming@example.com.tw")).isEqualTo("c***@e***.tw");
        assertThat(Emails.mask("w@qq.com")).isEqualTo("w***@q***.com");
    }

    @Test
    void acceptsPlausibleAddressesOnly() {
        assertThat(Emails.valid("chen@example.com.tw")).isTrue();
        assertThat(Emails.valid("王芳@例子.公司")).isTrue();
        assertThat(Emails.valid("no-at-sign")).isFalse();
        assertThat(Emails.valid("a@b")).isFalse();
        assertThat(Emails.valid("<script>@x.com")).isFalse();
        assertThat(Emails.valid("a..b@x.com")).isFalse();
    }
}
