package dev.plinth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PlinthApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlinthApplication.class, args);
    }
}
