package io.ferry.runtime.transport.dns;

import io.ferry.runtime.transport.Transport;
import io.ferry.sip.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NioClient;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * RFC 3263 §4 server location for a SIP or SIPS URI: the transport and the ordered list of
 * addresses to try. Lookups use dnsjava's asynchronous {@link LookupSession}; no method blocks
 * (futures complete on dnsjava's threads, never on a Netty event loop).
 *
 * <ul>
 *   <li>A host ending in {@code .invalid} (RFC 7118 §5.2, a WebSocket client's Via) is never
 *       resolved: the future fails at once. Such clients are reached through their flow.</li>
 *   <li>Transport (§4.1): the {@code transport} parameter; else UDP for {@code sip:} and TLS
 *       for {@code sips:} when the host is numeric or a port is given; else from NAPTR
 *       ({@code SIP+D2U}, {@code SIP+D2T}, {@code SIPS+D2T}; only the last for {@code sips:}),
 *       else from SRV ({@code _sip._udp}, {@code _sip._tcp}, {@code _sips._tcp}).</li>
 *   <li>Addresses (§4.2): numeric host: itself; port given: A and AAAA; otherwise SRV in
 *       RFC 2782 order (priority, then weighted random), each target's A then AAAA records; with
 *       no SRV record, A and AAAA of the host with port 5060 (5061 for TLS).</li>
 *   <li>The list holds every usable NAPTR/SRV alternative in order, so a caller can fail over
 *       (§4.3). {@code maddr} replaces the host (RFC 3261 §19.1.1).</li>
 * </ul>
 * The {@code /etc/hosts} file is not consulted.
 */
public final class TargetResolver implements AutoCloseable {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final LookupSession session;
    private final RandomGenerator random;
    private final boolean ownsNioClient;

    /**
     * A resolver asking {@code resolver} (a fake one in tests), with {@code random} for the
     * RFC 2782 weighted order.
     */
    public TargetResolver(Resolver resolver, RandomGenerator random) {
        this(LookupSession.builder().resolver(Objects.requireNonNull(resolver, "resolver"))
                .cache(new Cache(DClass.IN)).build(), random, false);
    }

    private TargetResolver(LookupSession session, RandomGenerator random, boolean ownsNioClient) {
        this.session = session;
        this.random = Objects.requireNonNull(random, "random");
        this.ownsNioClient = ownsNioClient;
    }

    /**
     * A resolver using the system's name servers (resolv.conf), with a cache. {@link #close()}
     * stops dnsjava's I/O thread, so call it when the web application stops.
     */
    public static TargetResolver system() {
        return new TargetResolver(LookupSession.builder().resolver(new ExtendedResolver())
                .cache(new Cache(DClass.IN)).build(), RandomGenerator.of("L64X128MixRandom"), true);
    }

    /** The targets for {@code uri}, in the order to try them. */
    public CompletableFuture<List<Target>> resolve(SipUri uri) {
        String host = uri.maddr() != null ? stripBrackets(uri.maddr()) : uri.hostAddress();
        return resolve(host, uri.port(), Optional.ofNullable(uri.transport()), uri.secure());
    }

    /**
     * The targets for a host, port (-1 when absent) and {@code transport} parameter of a
     * {@code sip:} or ({@code secure}) {@code sips:} URI.
     */
    public CompletableFuture<List<Target>> resolve(String host, int port, Optional<String> transportParam, boolean secure) {
        Objects.requireNonNull(host, "host");
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.toLowerCase(Locale.ROOT).endsWith(".invalid") || h.equalsIgnoreCase("invalid")) {
            // RFC 7118 §5.2 / RFC 6761 §6.4: .invalid names are never looked up; route by flow
            return CompletableFuture.failedFuture(new TargetResolutionException(
                    "host " + host + " is in .invalid (a WebSocket client, RFC 7118 §5.2): never resolved, route by its flow"));
        }
        Optional<Transport> explicit;
        try {
            explicit = transportParam.isEmpty() ? Optional.empty() : Optional.of(transportFor(transportParam.get(), secure));
        } catch (TargetResolutionException e) {
            return CompletableFuture.failedFuture(e);
        }
        Optional<InetAddress> numeric = numeric(h);
        Transport simple = explicit.orElse(secure ? Transport.TLS : Transport.UDP);
        if (numeric.isPresent()) {
            // RFC 3263 §4.1/§4.2: a numeric host is the address; UDP for sip, TLS for sips
            return CompletableFuture.completedFuture(List.of(
                    new Target(simple, new InetSocketAddress(numeric.get(), port > 0 ? port : defaultPort(simple)))));
        }
        Name name;
        try {
            name = Name.fromString(h, Name.root);
        } catch (TextParseException e) {
            return CompletableFuture.failedFuture(new TargetResolutionException("not a host name: " + host, e));
        }
        CompletableFuture<List<Target>> found;
        if (port > 0) {
            // RFC 3263 §4.2: a port in the URI means A/AAAA, no SRV
            found = addresses(name, h, simple, port);
        } else if (explicit.isPresent()) {
            // RFC 3263 §4.2: transport given, no port: SRV for that transport, then A/AAAA
            found = srvTargets(srvName(explicit.get(), name), explicit.get(), h)
                    .thenCompose(list -> list.isEmpty() ? addresses(name, h, explicit.get(), defaultPort(explicit.get()))
                            : CompletableFuture.completedFuture(list));
        } else {
            found = naptrTargets(name, h, secure)
                    .thenCompose(list -> list.isEmpty() ? srvFallback(name, h, secure) : CompletableFuture.completedFuture(list))
                    .thenCompose(list -> list.isEmpty() ? addresses(name, h, simple, defaultPort(simple))
                            : CompletableFuture.completedFuture(list));
        }
        return found.thenCompose(list -> list.isEmpty()
                ? CompletableFuture.failedFuture(new TargetResolutionException("no DNS records for " + host + " (RFC 3263 §4)"))
                : CompletableFuture.completedFuture(list));
    }

    private static Transport transportFor(String param, boolean secure) throws TargetResolutionException {
        Transport t = Transport.fromToken(param)
                .orElseThrow(() -> new TargetResolutionException("transport=" + param + " is not supported"));
        return switch (t) {
            case UDP -> {
                if (secure) throw new TargetResolutionException("sips URI with transport=udp: TLS needs a stream (RFC 3261 §26.2.2)");
                yield Transport.UDP;
            }
            case TCP, TLS -> secure ? Transport.TLS : t;
            case WS, WSS -> throw new TargetResolutionException(
                    "transport=" + param + ": WebSocket clients are reached through their flow, not by resolution (RFC 7118)");
        };
    }

    private static int defaultPort(Transport t) {
        return t == Transport.TLS ? 5061 : 5060;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The address of an IPv4 or IPv6 literal; parsing a literal never queries DNS. */
    private static Optional<InetAddress> numeric(String host) {
        if (!IPV4.matcher(host).matches() && host.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Name srvName(Transport t, Name domain) {
        String prefix = switch (t) {
            case UDP -> "_sip._udp";
            case TCP -> "_sip._tcp";
            default -> "_sips._tcp";
        };
        try {
            return Name.concatenate(Name.fromString(prefix), domain);
        } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
            throw new IllegalArgumentException(prefix + "." + domain, e);
        }
    }

    /** RFC 3263 §4.1: usable NAPTR records by order and preference, each followed to its SRV targets. */
    private CompletableFuture<List<Target>> naptrTargets(Name name, String uriHost, boolean secure) {
        return lookup(name, Type.NAPTR).thenCompose(records -> {
            List<NAPTRRecord> usable = new ArrayList<>();
            for (Record r : records) {
                if (r instanceof NAPTRRecord n && n.getFlags().equalsIgnoreCase("s") && naptrTransport(n, secure).isPresent()) {
                    usable.add(n);
                }
            }
            usable.sort(Comparator.comparingInt(NAPTRRecord::getOrder).thenComparingInt(NAPTRRecord::getPreference));
            List<CompletableFuture<List<Target>>> parts = new ArrayList<>();
            for (NAPTRRecord n : usable) {
                parts.add(srvTargets(n.getReplacement(), naptrTransport(n, secure).orElseThrow(), uriHost));
            }
            return concat(parts);
        });
    }

    private static Optional<Transport> naptrTransport(NAPTRRecord n, boolean secure) {
        return switch (n.getService().toUpperCase(Locale.ROOT)) {
            case "SIP+D2U" -> secure ? Optional.empty() : Optional.of(Transport.UDP);
            case "SIP+D2T" -> secure ? Optional.empty() : Optional.of(Transport.TCP);
            case "SIPS+D2T" -> Optional.of(Transport.TLS);
            default -> Optional.empty(); // SCTP, WebSocket (D2W) and others: not offered by Ferry
        };
    }

    /** RFC 3263 §4.1, no NAPTR: SRV for every transport Ferry supports (only TLS for sips). */
    private CompletableFuture<List<Target>> srvFallback(Name name, String uriHost, boolean secure) {
        List<Transport> order = secure ? List.of(Transport.TLS) : List.of(Transport.UDP, Transport.TCP, Transport.TLS);
        List<CompletableFuture<List<Target>>> parts = new ArrayList<>();
        for (Transport t : order) {
            parts.add(srvTargets(srvName(t, name), t, uriHost));
        }
        return concat(parts);
    }

    /** The SRV records of {@code srv} in RFC 2782 order, each expanded to its addresses. */
    private CompletableFuture<List<Target>> srvTargets(Name srv, Transport t, String uriHost) {
        return lookup(srv, Type.SRV).thenCompose(records -> {
            List<SRVRecord> srvs = new ArrayList<>();
            for (Record r : records) {
                if (r instanceof SRVRecord s) srvs.add(s);
            }
            List<CompletableFuture<List<Target>>> parts = new ArrayList<>();
            for (SRVRecord s : SrvOrder.order(srvs, random)) {
                parts.add(addresses(s.getTarget(), uriHost, t, s.getPort()));
            }
            return concat(parts);
        });
    }

    /** A then AAAA records of {@code name}, as targets named by the URI host. */
    private CompletableFuture<List<Target>> addresses(Name name, String uriHost, Transport t, int port) {
        CompletableFuture<List<Record>> a = lookup(name, Type.A);
        CompletableFuture<List<Record>> aaaa = lookup(name, Type.AAAA);
        return a.thenCombine(aaaa, (v4, v6) -> {
            List<Target> out = new ArrayList<>(v4.size() + v6.size());
            for (Record r : v4) {
                if (r instanceof ARecord ar) out.add(target(t, uriHost, ar.getAddress(), port));
            }
            for (Record r : v6) {
                if (r instanceof AAAARecord ar) out.add(target(t, uriHost, ar.getAddress(), port));
            }
            return out;
        });
    }

    private static Target target(Transport t, String uriHost, InetAddress address, int port) {
        try {
            return new Target(t, new InetSocketAddress(InetAddress.getByAddress(uriHost, address.getAddress()), port));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of wrong length from DNS: " + address, e);
        }
    }

    /** The records of one query; a missing name or record set is an empty list, other failures fail. */
    private CompletableFuture<List<Record>> lookup(Name name, int type) {
        return session.lookupAsync(name, type).toCompletableFuture()
                .thenApply(LookupResult::getRecords)
                .exceptionallyCompose(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof NoSuchDomainException || cause instanceof NoSuchRRSetException) {
                        return CompletableFuture.completedFuture(List.of());
                    }
                    return CompletableFuture.failedFuture(new TargetResolutionException(
                            Type.string(type) + " lookup of " + name + " failed: " + cause, cause));
                });
    }

    /**
     * The parts' targets in order. A failed part (one SRV name whose server failed) is skipped
     * when another part answered, so that one broken alternative does not hide the others.
     */
    private static CompletableFuture<List<Target>> concat(List<CompletableFuture<List<Target>>> parts) {
        if (parts.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<CompletableFuture<Optional<List<Target>>>> settled = new ArrayList<>();
        Throwable[] firstFailure = new Throwable[1];
        for (CompletableFuture<List<Target>> p : parts) {
            settled.add(p.handle((list, e) -> {
                if (e != null) {
                    synchronized (firstFailure) {
                        if (firstFailure[0] == null) firstFailure[0] = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    }
                    return Optional.empty();
                }
                return Optional.of(list);
            }));
        }
        return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            List<Target> out = new ArrayList<>();
            boolean anyAnswered = false;
            for (CompletableFuture<Optional<List<Target>>> p : settled) {
                Optional<List<Target>> r = p.join();
                if (r.isPresent()) {
                    anyAnswered = true;
                    out.addAll(r.get());
                }
            }
            if (!anyAnswered) {
                synchronized (firstFailure) {
                    return CompletableFuture.failedFuture(firstFailure[0]);
                }
            }
            return CompletableFuture.completedFuture(List.copyOf(out));
        });
    }

    /** Stops dnsjava's I/O thread when this resolver created it ({@link #system()}). */
    @Override
    public void close() {
        if (ownsNioClient) {
            NioClient.close();
        }
    }
}
