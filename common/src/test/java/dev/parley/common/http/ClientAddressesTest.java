package dev.parley.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(() -> List.of("127.0.0.1/32", "10.0.0.0/8", "::1"));

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItForwards() {
        assertThat(addresses.of("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheForwardedAddressIsTheClient() {
        assertThat(addresses.of("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(addresses.of("::1", List.of("2001:db8::5"))).isEqualTo("2001:db8::5");
    }

    @Test
    void whatAClientWritesIntoTheHeaderItselfIsNotBelieved() {
        // The proxy appends the address it saw to whatever the client sent.
        assertThat(addresses.of("127.0.0.1", List.of("1.2.3.4, 198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void chainsOfTrustedProxiesAreWalkedFromTheRight() {
        assertThat(addresses.of("127.0.0.1", List.of("1.2.3.4, 198.51.100.1, 10.1.2.3"))).isEqualTo("198.51.100.1");
        assertThat(addresses.of("127.0.0.1", List.of("198.51.100.1", "10.1.2.3"))).isEqualTo("198.51.100.1");
    }

    @Test
    void aTrustedProxyWithoutHeaderOrWithGarbageIsItsOwnClient() {
        assertThat(addresses.of("10.9.9.9", List.of())).isEqualTo("10.9.9.9");
        assertThat(addresses.of("10.9.9.9", List.of("not-an-address"))).isEqualTo("10.9.9.9");
        assertThat(addresses.of("10.9.9.9", List.of("evil.example, 10.1.1.1"))).isEqualTo("10.1.1.1");
    }

    @Test
    void blocksMatchByPrefixForBothFamilies() {
        assertThat(AddressBlock.parse("10.0.0.0/8").contains("10.200.3.4")).isTrue();
        assertThat(AddressBlock.parse("10.0.0.0/8").contains("11.0.0.1")).isFalse();
        assertThat(AddressBlock.parse("192.168.4.0/22").contains("192.168.7.255")).isTrue();
        assertThat(AddressBlock.parse("192.168.4.0/22").contains("192.168.8.0")).isFalse();
        assertThat(AddressBlock.parse("fd00::/8").contains("fd12::1")).isTrue();
        assertThat(AddressBlock.parse("fd00::/8").contains("10.0.0.1")).isFalse();
        assertThat(AddressBlock.parse("127.0.0.1").contains("::ffff:127.0.0.1")).isTrue();
        assertThat(AddressBlock.parse("0.0.0.0/0").contains("host.example")).isFalse();
    }
}
