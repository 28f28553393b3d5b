package dev.plinth.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    /** The bounded pool that runs AWS steps; its size caps the calls this replica has in flight. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService stepExecutor(EngineProperties properties) {
        return Executors.newFixedThreadPool(properties.stepConcurrency(), Thread.ofPlatform().name("plinth-step-", 0).factory());
    }
}
