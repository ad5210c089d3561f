package io.oktioneer.support.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.tags.Tag;
import org.junit.jupiter.api.Test;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ApiDocumentAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApiDocumentAutoConfiguration.class));

    @Test
    void buildsTheDocumentFromTheServicesSettings() {
        runner.withPropertyValues("oktioneer.api-document.title=Oktioneer things",
                "oktioneer.api-document.description=Things to read.",
                "oktioneer.api-document.path=/api-docs/things",
                "oktioneer.api-document.tags[0].name=Things", "oktioneer.api-document.tags[0].description=All of them",
                "oktioneer.api-document.tags[1].name=Admin", "oktioneer.api-document.tags[1].description=Keys")
                .run(context -> {
                    OpenAPI api = context.getBean(OpenAPI.class);
                    assertThat(api.getInfo().getTitle()).isEqualTo("Oktioneer things");
                    assertThat(api.getInfo().getDescription()).startsWith("Things to read.")
                            .contains("served by the gateway at `/api-docs/things`");
                    assertThat(api.getTags()).extracting(Tag::getName).containsExactly("Admin", "Things");
                    assertThat(context).hasSingleBean(OpenApiCustomizer.class);
                });
    }

    @Test
    void describesNothingInAServiceWithoutADocument() {
        runner.run(context -> assertThat(context).doesNotHaveBean(OpenAPI.class)
                .doesNotHaveBean(OpenApiCustomizer.class));
    }
}
