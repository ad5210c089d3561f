package io.oktioneer.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.security.InternalTokenFilter;
import io.oktioneer.support.problem.ProblemHandler;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

class ServiceWebConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
            .withUserConfiguration(ServiceWebConfiguration.class);

    @Test
    void registersTheTokenFilterTheValveTheProblemHandlerAndTheClock() {
        runner.withPropertyValues("oktioneer.security.internal-token=secret").run(context -> {
            assertThat(context).hasNotFailed();
            FilterRegistrationBean<?> filter = context.getBean("internalTokenFilter", FilterRegistrationBean.class);
            assertThat(filter.getFilter()).isInstanceOf(InternalTokenFilter.class);
            assertThat(filter.getUrlPatterns()).containsExactly("/*");
            assertThat(filter.getOrder()).isEqualTo(ServiceWebConfiguration.INTERNAL_TOKEN_ORDER);
            assertThat(context).hasSingleBean(WebServerFactoryCustomizer.class).hasSingleBean(ProblemHandler.class);
            assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
        });
    }

    @Test
    void refusesToStartWithoutAnInternalToken() {
        runner.run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("oktioneer.security.internal-token= ").run(context -> assertThat(context).hasFailed());
    }
}
