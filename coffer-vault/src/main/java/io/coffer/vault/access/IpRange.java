package io.coffer.vault.access;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One firewall rule of a vault ({@code networkAcls.ipRules[].value}): an IPv4 or IPv6 address or a
 * CIDR range. An address without a prefix means that single address (/32 or /128). IPv4-mapped
 * IPv6 addresses ({@code ::ffff:1.2.3.4}) are treated as the IPv4 address they carry, both in rules
 * and in client addresses, so a client reaching a dual-stack socket still matches IPv4 rules.
 *
 * <p>Parsing never consults DNS: only literals are accepted.
 */
public final class IpRange {
  private static final Pattern IPV4 = Pattern.compile(
      "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

  private final byte[] network;
  private final int prefix;

  private IpRange(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /** Parses a rule, or throws {@link IllegalArgumentException} saying what is wrong with it. */
  public static IpRange parse(String rule) {
    if (rule == null || rule.isBlank()) throw new IllegalArgumentException("An IP rule must not be empty.");
    String text = rule.trim();
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    InetAddress address = literal(addressText)
        .orElseThrow(() -> new IllegalArgumentException(
            "'" + rule + "' is not a valid IPv4 or IPv6 address or CIDR range."));
    boolean mapped = address instanceof Inet4Address && addressText.contains(":");
    int width = address.getAddress().length * 8;
    int prefix = width;
    if (slash >= 0) {
      String prefixText = text.substring(slash + 1);
      if (!PREFIX.matcher(prefixText).matches()) {
        throw new IllegalArgumentException("'" + rule + "' has an invalid prefix length '" + prefixText + "'.");
      }
      prefix = Integer.parseInt(prefixText);
      if (mapped) {
        // A prefix on ::ffff:a.b.c.d counts the 96 bits of the mapping prefix.
        if (prefix < 96 || prefix > 128) {
          throw new IllegalArgumentException("'" + rule + "': an IPv4-mapped range needs a prefix of 96 to 128.");
        }
        prefix -= 96;
      } else if (prefix > width) {
        throw new IllegalArgumentException(
            "'" + rule + "': the prefix length must be between 0 and " + width + ".");
      }
    }
    return new IpRange(mask(address.getAddress(), prefix), prefix);
  }

  /** Checks a rule for the control plane, which answers 400 with the message when it is bad. */
  public static void validate(String rule) {
    parse(rule);
  }

  /** A client address (as the HTTP server reports it, brackets allowed), if it is an IP literal. */
  public static Optional<InetAddress> clientAddress(String ip) {
    if (ip == null) return Optional.empty();
    String text = ip.trim();
    if (text.startsWith("[") && text.endsWith("]")) text = text.substring(1, text.length() - 1);
    return literal(text);
  }

  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) return false;
    return Arrays.equals(mask(bytes, prefix), network);
  }

  /** The canonical form, e.g. {@code 10.0.0.0/8}, {@code 1.2.3.4/32}, {@code 2001:db8:0:0:0:0:0:0/32}. */
  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<InetAddress> literal(String text) {
    try {
      if (IPV4.matcher(text).matches()) return Optional.of(InetAddress.getByName(text));
      // A text with a colon is parsed as an IPv6 literal and never looked up; zone ids are refused.
      if (text.contains(":") && IPV6_CHARS.matcher(text).matches()) {
        InetAddress a = InetAddress.getByName(text);
        if (a instanceof Inet6Address || a instanceof Inet4Address) return Optional.of(a);
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] masked = address.clone();
    for (int i = 0; i < masked.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - 8 * i));
      masked[i] &= (byte) (0xFF << (8 - bits));
    }
    return masked;
  }
}
