package io.oktioneer.history;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HistoryConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(HistoryConsumerApplication.class, args);
    }
}
