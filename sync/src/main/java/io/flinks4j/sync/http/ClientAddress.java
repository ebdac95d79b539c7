package io.flinks4j.sync.http;

import io.javalin.http.Context;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who sent a request, for throttling and logs: the connection's peer, or, when that peer is a
 * trusted proxy, the right-most address in {@code X-Forwarded-For} that is not itself a trusted
 * proxy (the one the nearest trusted proxy saw; anything left of it is whatever the client chose to
 * send).
 */
final class ClientAddress {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private ClientAddress() {}

  /** The client's address of {@code ctx}, canonical, or {@code "unknown"}. */
  static String of(Context ctx, Set<String> trustedProxies) {
    String peer = peer(ctx).orElse("unknown");
    if (!trustedProxies.contains(peer)) {
      return peer;
    }
    List<String> hops =
        Collections.list(ctx.req().getHeaders("X-Forwarded-For")).stream()
            .flatMap(header -> Arrays.stream(header.split(",")))
            .toList();
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<String> hop = canonical(hops.get(i));
      if (hop.isEmpty()) {
        break; // written by no proxy of ours: stop at the last address one did write
      }
      client = hop.get();
      if (!trustedProxies.contains(client)) {
        break;
      }
    }
    return client;
  }

  /**
   * What failures are counted under: an IPv4 address itself, an IPv6 address's /64 prefix (one
   * subscriber usually holds a whole /64, so counting single IPv6 addresses would let one client
   * rotate through billions).
   */
  static String throttleKey(String address) {
    if (address.indexOf(':') < 0) {
      return address;
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if (bytes.length != 16) {
        return address;
      }
      Arrays.fill(bytes, 8, 16, (byte) 0);
      return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      return address;
    }
  }

  /**
   * The canonical text of an IP literal ({@code [::1]} and {@code 0:0:0:0:0:0:0:1} alike), empty
   * for anything else; never resolves a host name.
   */
  static Optional<String> canonical(String text) {
    String literal = text.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    // Only literals reach InetAddress: a name there would be looked up in DNS.
    boolean ipv6 =
        literal.indexOf(':') >= 0
            && literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    if (!ipv6 && !IPV4.matcher(literal).matches()) {
      return Optional.empty();
    }
    try {
      InetAddress address = InetAddress.getByName(literal);
      String canonical = address.getHostAddress();
      return Optional.of(
          address instanceof Inet6Address && canonical.indexOf('%') >= 0
              ? canonical.substring(0, canonical.indexOf('%'))
              : canonical);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> peer(Context ctx) {
    try {
      return Optional.ofNullable(ctx.req().getRemoteAddr()).flatMap(ClientAddress::canonical);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
