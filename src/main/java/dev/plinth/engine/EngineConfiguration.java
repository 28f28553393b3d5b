package dev.plinth.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The engine's thread pool; {@code @Scheduled} refreshes the gauges of {@link EngineGauges}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EngineConfiguration {

    /** The bounded pool that runs AWS steps; its size caps the calls this replica has in flight. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService stepExecutor(EngineProperties properties) {
        return Executors.newFixedThreadPool(
                properties.stepConcurrency(),
                Thread.ofPlatform().name("plinth-step-", 0).factory());
    }
}
