package io.telepay.telephony;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The trunk and PBX addresses allowed to call (TELEPAY_SIP_TRUSTED): single addresses or CIDR blocks,
 * IPv4 and IPv6, comma-separated. Everything else is answered 403.
 */
record TrustedSources(List<Block> blocks) {

    record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    /** @throws IllegalArgumentException naming the entry that is not an address or block (checked at start) */
    static TrustedSources parse(String list) {
        List<Block> blocks = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split("/", 2);
            if (!parts[0].matches("[0-9.]+|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*")) {
                throw new IllegalArgumentException("TELEPAY_SIP_TRUSTED: not an IP address or CIDR block: " + entry);
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("TELEPAY_SIP_TRUSTED: bad prefix length in " + entry);
                }
                blocks.add(new Block(network, prefix));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("TELEPAY_SIP_TRUSTED: not an IP address or CIDR block: " + entry);
            }
        }
        return new TrustedSources(List.copyOf(blocks));
    }

    boolean trusts(InetAddress address) {
        byte[] bytes = address.getAddress();
        return blocks.stream().anyMatch(b -> b.contains(bytes));
    }
}
