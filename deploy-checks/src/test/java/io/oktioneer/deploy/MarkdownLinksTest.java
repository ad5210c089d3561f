package io.oktioneer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own: every link of README.md, docs/ and deploy/ (and any other markdown file)
 * resolves inside the checkout, anchors included; external links only cite standards (docs/testing.md).
 */
class MarkdownLinksTest {

    @Test
    void everyLinkOfTheRepositoryResolvesInsideIt() {
        List<Path> files = MarkdownLinks.files(Repo.ROOT);
        assertThat(files).contains(Repo.path("README.md"), Repo.path("docs/api.md"), Repo.path("docs/architecture.md"));
        assertThat(files).noneMatch(f -> Repo.ROOT.relativize(f).startsWith("target")
                || Repo.ROOT.relativize(f).toString().contains("/target/"));

        assertThat(MarkdownLinks.check(Repo.ROOT)).isEmpty();
    }

    @Test
    void brokenLinksAreFound() {
        Path file = Repo.path("docs/example.md");
        String text = """
                # Example

                [fine](api.md#errors) [fine too](../README.md) [here](#example) [dir](../deploy/k8s)
                [standard](https://www.rfc-editor.org/rfc/rfc9457)

                [missing file](nothing.md) [missing anchor](api.md#no-such-heading) [outside](../../shared/SPEC.md)
                [web](https://example.com/page) [mail](mailto:ops@example.com) [rooted](/docs/api.md)
                [local anchor](#nowhere)

                `[code span](missing.md)`

                ```
                [code block](missing.md)
                ```
                """;

        List<String> problems = MarkdownLinks.check(Repo.ROOT, file, text, f -> MarkdownLinks.anchors(Repo.read(
                Repo.ROOT.relativize(f).toString())));

        assertThat(problems).hasSize(7);
        assertThat(String.join("\n", problems))
                .contains("docs/example.md:6: nothing.md — no such file")
                .contains("api.md#no-such-heading — no heading with that anchor in docs/api.md")
                .contains("../../shared/SPEC.md — leaves the repository")
                .contains("https://example.com/page — leaves the repository (external links may only cite a standard")
                .contains("mailto:ops@example.com — not a link into the repository")
                .contains("/docs/api.md — absolute path")
                .contains("docs/example.md:8: #nowhere — no heading");
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(MarkdownLinks.slug("Evaluate rules (SPEC §3)")).isEqualTo("evaluate-rules-spec-3");
        assertThat(MarkdownLinks.slug("The write path (SPEC §4.5)")).isEqualTo("the-write-path-spec-45");
        assertThat(MarkdownLinks.slug("Deadlines (tmaxMs)")).isEqualTo("deadlines-tmaxms");
        assertThat(MarkdownLinks.slug("Keys & roles → here")).isEqualTo("keys--roles--here");
        assertThat(MarkdownLinks.slug("snake_case and kebab-case")).isEqualTo("snake_case-and-kebab-case");

        Set<String> anchors = MarkdownLinks.anchors("""
                # The feed (package `feed/`)
                ## Settings
                ## Settings
                Setext heading
                --------------
                ## A [linked](x.md) *heading*
                """);
        assertThat(anchors).containsExactly("the-feed-package-feed", "settings", "settings-1", "setext-heading",
                "a-linked-heading");
    }
}
