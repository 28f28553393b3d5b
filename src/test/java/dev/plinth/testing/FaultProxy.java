package dev.plinth.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.plinth.testing.behaviour.AwsAnswer;
import dev.plinth.testing.behaviour.AwsBehaviours;
import dev.plinth.testing.behaviour.AwsCall;
import dev.plinth.testing.behaviour.AwsError;
import dev.plinth.testing.behaviour.AwsTime;
import dev.plinth.testing.behaviour.Protocol;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP hop between the service and the AWS emulator that can slow calls down, answer them
 * with AWS errors, or hold them (before or after they reach the emulator) so a test can kill the
 * service mid-call. It records every AWS action it forwards. Its {@link AwsBehaviours} make the
 * emulator behave as AWS does where the emulator is lenient: they are checked after a test's own
 * faults, before a call is forwarded, and may rewrite the emulator's answer.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS =
            Set.of("host", "content-length", "connection", "transfer-encoding", "expect", "upgrade", "keep-alive");
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/([^/]+)/aws4_request");

    /** What a matching call gets. */
    private sealed interface Fault {
        record Error(AwsError error) implements Fault {}

        /** Held until the proxy closes; {@code forwardFirst}: the emulator has done the work, the caller never hears. */
        record Hold(boolean forwardFirst, Held held) implements Fault {}
    }

    /** A call held by {@link #hold}: whether it has arrived, and what it asked. */
    public static final class Held {
        private final CountDownLatch reached = new CountDownLatch(1);
        private volatile String body = "";

        /** Whether the call arrived (and, if it was to be forwarded first, was carried out) in time. */
        public boolean await(Duration timeout) throws InterruptedException {
            return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** A form parameter of the held query-protocol call, such as {@code SubnetId}; null if it had none. */
        public String parameter(String name) {
            return formParameter(body, name);
        }

        private void arrived(byte[] request) {
            body = new String(request, StandardCharsets.UTF_8);
            reached.countDown();
        }
    }

    private record Rule(String action, AtomicInteger remaining, Fault fault) {}

    /** One forwarded call: the AWS service and action. */
    public record Call(String service, String action) {}

    private final URI target;
    private final AwsBehaviours behaviours;
    private final HttpServer server;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger injected = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Integer> mostInFlight = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile double faultRate;
    private volatile java.util.Random random = new java.util.Random(0);

    private FaultProxy(URI target, AwsBehaviours behaviours) throws IOException {
        this.target = target;
        this.behaviours = behaviours;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A front with no AWS behaviour: the emulator as it is, with only the faults a test asks for. */
    public static FaultProxy to(URI target) {
        return to(target, AwsBehaviours.none());
    }

    /** A front that behaves as AWS does wherever the layer knows how ({@link AwsBehaviours#standard}). */
    public static FaultProxy behavingLikeAws(URI target) {
        return to(target, AwsBehaviours.standard(AwsTime.fromSystemProperty()));
    }

    public static FaultProxy to(URI target, AwsBehaviours behaviours) {
        try {
            return new FaultProxy(target, behaviours);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The AWS behaviours of this front, to switch one off for a test. */
    public AwsBehaviours behaviours() {
        return behaviours;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every call waits this long before it is forwarded. */
    public FaultProxy slowEveryCall(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The next {@code times} calls of {@code action} get this AWS error instead of reaching the emulator. */
    public FaultProxy fail(String action, int times, int status, String code, String message) {
        rules.add(new Rule(action, new AtomicInteger(times), new Fault.Error(new AwsError(status, code, message))));
        return this;
    }

    /** Every call of {@code action} gets this AWS error. */
    public FaultProxy failAlways(String action, int status, String code, String message) {
        return fail(action, Integer.MAX_VALUE, status, code, message);
    }

    /**
     * The next call of {@code action} never gets an answer. With {@code forwardFirst} the emulator
     * has carried it out; without, it never reached the emulator.
     *
     * @return the held call, once it arrives (and, with {@code forwardFirst}, was carried out)
     */
    public Held hold(String action, boolean forwardFirst) {
        var held = new Held();
        rules.add(new Rule(action, new AtomicInteger(1), new Fault.Hold(forwardFirst, held)));
        return held;
    }

    /**
     * Answers a share of all calls (0 to 1) with throttling or a server error, chosen at random from
     * a seeded generator so a run can be repeated.
     */
    public FaultProxy failRandomly(double rate, long seed) {
        this.random = new java.util.Random(seed);
        this.faultRate = rate;
        return this;
    }

    /** How many calls got an injected random fault. */
    public int injectedFaults() {
        return injected.get();
    }

    /**
     * Removes every fault and the delay and forgets the calls seen. The behaviours keep what they
     * remember of the emulator's resources (a test may clear the faults half-way): reset them with
     * the emulator.
     */
    public void clear() {
        rules.clear();
        calls.clear();
        delay = Duration.ZERO;
        faultRate = 0;
        injected.set(0);
        mostInFlight.clear();
    }

    /** The most calls to one AWS service (its signing name, such as ec2) that were here at once. */
    public int mostInFlight(String service) {
        return mostInFlight.getOrDefault(service, 0);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public long count(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).count();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            AwsCall call = call(exchange, body);
            AtomicInteger here = inFlight.computeIfAbsent(call.service(), s -> new AtomicInteger());
            mostInFlight.merge(call.service(), here.incrementAndGet(), Math::max);
            try (var slot = new Slot(here)) {
                forwardOrFail(exchange, body, call, slot);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A call counted in flight until its answer is about to be written: once the caller has the answer
     * it may send its next call, which must not find this one still counted.
     */
    private static final class Slot implements AutoCloseable {
        private final AtomicInteger counter;
        private boolean released;

        Slot(AtomicInteger counter) {
            this.counter = counter;
        }

        void release() {
            if (!released) {
                released = true;
                counter.decrementAndGet();
            }
        }

        @Override
        public void close() {
            release();
        }
    }

    private void forwardOrFail(HttpExchange exchange, byte[] body, AwsCall call, Slot slot)
            throws IOException, InterruptedException {
        if (!delay.isZero()) {
            Waits.pause(delay);
        }
        String service = call.service();
        String action = call.action();
        Fault fault = take(action);
        if (fault == null && faultRate > 0 && random.nextDouble() < faultRate) {
            injected.incrementAndGet();
            fault = randomFault(call.protocol());
        }
        if (fault == null) {
            fault = behaviours.before(call).map(Fault.Error::new).orElse(null);
        }
        if (fault instanceof Fault.Error(AwsError error)) {
            calls.add(new Call(service, action + "!" + error.code()));
            slot.release();
            answerWithError(exchange, call.protocol(), error);
            return;
        }
        calls.add(new Call(service, action));
        if (fault instanceof Fault.Hold hold && !hold.forwardFirst()) {
            hold.held().arrived(body);
            awaitClose();
            return;
        }
        HttpResponse<byte[]> answer = forward(exchange, body);
        if (fault instanceof Fault.Hold hold) {
            hold.held().arrived(body);
            awaitClose();
            return;
        }
        AwsAnswer seen = behaviours.after(
                call, new AwsAnswer(answer.statusCode(), answer.headers().map(), answer.body()));
        seen.headers().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        slot.release();
        respond(exchange, seen.status(), seen.body(), null);
    }

    /** Throttling in each API's own words, or a server error. */
    private Fault randomFault(Protocol protocol) {
        if (random.nextBoolean()) {
            return new Fault.Error(
                    new AwsError(500, "InternalError", "We encountered an internal error. Please try again."));
        }
        return new Fault.Error(
                switch (protocol) {
                    case EC2 -> new AwsError(503, "RequestLimitExceeded", "Request limit exceeded.");
                    case JSON -> new AwsError(400, "ThrottlingException", "Rate exceeded");
                    case REST_JSON -> new AwsError(429, "ThrottlingException", "Rate exceeded");
                    case S3 -> new AwsError(503, "SlowDown", "Please reduce your request rate.");
                    case QUERY, REST_XML -> new AwsError(400, "Throttling", "Rate exceeded");
                });
    }

    private Fault take(String action) {
        for (Rule rule : rules) {
            if (rule.action().equals(action) && rule.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                return rule.fault();
            }
        }
        return null;
    }

    private void awaitClose() throws InterruptedException {
        closed.await();
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = target.resolve(exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The call: service and region from the SigV4 credential scope ({@code ec2}, {@code rds}, {@code ecs}…), and its action. */
    private static AwsCall call(HttpExchange exchange, byte[] body) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m = auth == null ? null : SCOPE.matcher(auth);
        boolean signed = m != null && m.find();
        String service = signed ? m.group(2) : "unknown";
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        return new AwsCall(
                service,
                signed ? m.group(1) : "unknown",
                action(exchange, body),
                Protocol.of(service, target != null),
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getQuery(),
                new String(body, StandardCharsets.UTF_8));
    }

    /** The action: {@code Action=} of a query-protocol body, or the {@code X-Amz-Target} of a JSON one, else the path. */
    private static String action(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return target.substring(target.lastIndexOf('.') + 1);
        }
        String action = formParameter(new String(body, StandardCharsets.UTF_8), "Action");
        return action != null
                ? action
                : exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    }

    /** A parameter of a form-encoded (query-protocol) body, or null. */
    private static String formParameter(String body, String name) {
        for (String pair : body.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void answerWithError(HttpExchange exchange, Protocol protocol, AwsError error) throws IOException {
        String body = switch (protocol) {
            case JSON -> "{\"__type\":\"" + error.code() + "\",\"message\":\"" + error.message() + "\"}";
            case REST_JSON -> "{\"ErrorCode\":\"" + error.code() + "\",\"Message\":\"" + error.message() + "\"}";
            case EC2 ->
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + error.code()
                        + "</Code><Message>" + error.message()
                        + "</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>";
            case S3 ->
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + error.code() + "</Code><Message>"
                        + error.message() + "</Message><RequestId>fault-proxy</RequestId></Error>";
            case QUERY, REST_XML ->
                "<ErrorResponse><Error><Type>" + (error.status() >= 500 ? "Receiver" : "Sender")
                        + "</Type><Code>" + error.code() + "</Code><Message>" + error.message()
                        + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>";
        };
        boolean json = protocol == Protocol.JSON || protocol == Protocol.REST_JSON;
        if (protocol == Protocol.REST_JSON) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", error.code());
        }
        respond(
                exchange,
                error.status(),
                body.getBytes(StandardCharsets.UTF_8),
                json ? "application/x-amz-json-1.1" : "text/xml");
    }
}
