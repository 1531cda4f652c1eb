package io.telepay.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class TrustedSourcesTest {

    @Test
    void addressesAndBlocksOfBothFamilies() throws Exception {
        TrustedSources trusted = TrustedSources.parse(" 203.0.113.7, 10.20.0.0/14 ,2001:db8::/32, ::1");
        assertThat(trusted.trusts(InetAddress.getByName("203.0.113.7"))).isTrue();
        assertThat(trusted.trusts(InetAddress.getByName("203.0.113.8"))).isFalse();
        assertThat(trusted.trusts(InetAddress.getByName("10.23.255.1"))).isTrue();
        assertThat(trusted.trusts(InetAddress.getByName("10.24.0.1"))).isFalse();
        assertThat(trusted.trusts(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(trusted.trusts(InetAddress.getByName("2001:db9::5"))).isFalse();
        assertThat(trusted.trusts(InetAddress.getByName("::1"))).isTrue();
        assertThat(trusted.trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void aWrongEntryStopsTheStartNamingIt() {
        assertThatThrownBy(() -> TrustedSources.parse("10.0.0.1, pbx.example")).hasMessageContaining("pbx.example");
        assertThatThrownBy(() -> TrustedSources.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThat(TrustedSources.parse("").trusts(InetAddress.getLoopbackAddress())).isFalse();
    }
}
