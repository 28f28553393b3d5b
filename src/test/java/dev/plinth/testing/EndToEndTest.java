package dev.plinth.testing;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The service in this JVM on a random port, its AWS endpoint the emulator behind a {@link FaultProxy},
 * its database an in-memory H2. Tests drive it over HTTP and read AWS back with their own SDK
 * clients, straight from the emulator. One context and one emulator serve every test class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EndToEndTest {

    protected static final MotoServer MOTO = MotoServer.shared();
    protected static final FaultProxy AWS = FaultProxy.to(MOTO.endpoint());
    protected static final Duration CONVERGE = Duration.ofSeconds(60);

    private static final Map<String, Ec2Client> EC2 = new ConcurrentHashMap<>();

    @LocalServerPort
    private int port;

    protected PlinthApi api;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("plinth.aws.endpoint", () -> AWS.endpoint().toString());
        registry.add("plinth.aws.max-attempts", () -> "2");
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:plinth;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
        registry.add("plinth.engine.polling-interval", () -> "200ms");
        registry.add("plinth.engine.retry-base-delay", () -> "200ms");
        registry.add("plinth.engine.retry-max-delay", () -> "1s");
        registry.add("plinth.engine.delete-timeout", () -> "5s");
    }

    @BeforeEach
    void freshAws() {
        AWS.clear();
        MOTO.reset();
        api = PlinthApi.onPort(port);
    }

    /** An EC2 client straight to the emulator, for reading back what the service made. */
    protected static Ec2Client ec2(String region) {
        return EC2.computeIfAbsent(region, r -> Ec2Client.builder()
                .endpointOverride(MOTO.endpoint())
                .region(Region.of(r))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build());
    }

    protected static URI motoEndpoint() {
        return MOTO.endpoint();
    }
}
