package io.oktioneer.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The links of the repository's markdown, read with a CommonMark parser (so code blocks and code spans are not
 * links). A relative link must name a file or directory inside the repository, and its {@code #anchor} a heading
 * of the markdown file it names, by GitHub's anchor rules. An absolute link ({@code http(s)://}) may only cite a
 * standard: its host must be one of {@link #STANDARDS_HOSTS}. Any other scheme, and a path from the root
 * ({@code /docs/…}), is refused: it would not resolve in a checkout.
 */
final class MarkdownLinks {

    /** Where the standards we cite are published (IETF RFCs, W3C recommendations, ISO, the Apache License). */
    static final Set<String> STANDARDS_HOSTS = Set.of("www.rfc-editor.org", "datatracker.ietf.org", "www.w3.org",
            "www.iso.org", "www.apache.org");

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules");

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    private MarkdownLinks() {
    }

    /** Every markdown file under root, build output, dependencies and hidden directories (.git, .run) aside. */
    static List<Path> files(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.getFileName().toString();
                    boolean skipped = !dir.equals(root) && (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith(".md")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().sorted().toList();
    }

    /** The problems of every markdown file under root, as "file:line: what". */
    static List<String> check(Path root) {
        Map<Path, Set<String>> anchors = new HashMap<>();
        Function<Path, Set<String>> anchorsOf = file -> anchors.computeIfAbsent(file, f -> anchors(read(f)));
        List<String> problems = new ArrayList<>();
        for (Path file : files(root)) {
            problems.addAll(check(root, file, read(file), anchorsOf));
        }
        return problems;
    }

    /** The problems of one file's text; anchorsOf gives the heading anchors of another markdown file. */
    static List<String> check(Path root, Path file, String text, Function<Path, Set<String>> anchorsOf) {
        List<String> problems = new ArrayList<>();
        String name = root.relativize(file).toString();
        for (Destination link : links(text)) {
            String problem = problem(root, file, text, link.target(), anchorsOf);
            if (problem != null) {
                problems.add(name + ":" + link.line() + ": " + link.target() + " — " + problem);
            }
        }
        return problems;
    }

    record Destination(String target, int line) {
    }

    static List<Destination> links(String text) {
        List<Destination> links = new ArrayList<>();
        PARSER.parse(text).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(new Destination(link.getDestination(), line(link)));
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                links.add(new Destination(image.getDestination(), line(image)));
                visitChildren(image);
            }
        });
        return links;
    }

    private static int line(Node node) {
        return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().getFirst().getLineIndex() + 1;
    }

    private static String problem(Path root, Path file, String text, String target,
                                  Function<Path, Set<String>> anchorsOf) {
        if (target.isBlank()) {
            return "empty link";
        }
        if (target.matches("(?i)https?://.*")) {
            String host;
            try {
                host = new URI(target).getHost();
            } catch (URISyntaxException e) {
                return "not a valid URL";
            }
            return host != null && STANDARDS_HOSTS.contains(host.toLowerCase(Locale.ROOT)) ? null
                    : "leaves the repository (external links may only cite a standard: " + STANDARDS_HOSTS + ")";
        }
        if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            return "not a link into the repository";
        }
        if (target.startsWith("/")) {
            return "absolute path: link relative to this file";
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(decode(path)).normalize();
        if (!resolved.startsWith(root)) {
            return "leaves the repository";
        }
        if (!path.isEmpty() && !Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor == null) {
            return null;
        }
        if (!resolved.getFileName().toString().endsWith(".md")) {
            return "an anchor into a file that is not markdown";
        }
        Set<String> headings = resolved.equals(file) ? anchors(text) : anchorsOf.apply(resolved);
        return headings.contains(decode(anchor)) ? null : "no heading with that anchor in " + root.relativize(resolved);
    }

    /** The anchors GitHub gives the headings of a markdown text, duplicates numbered -1, -2, … in order. */
    static Set<String> anchors(String text) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        PARSER.parse(text).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String slug = slug(plainText(heading));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        });
        return anchors;
    }

    /** GitHub's heading anchor: lower case, punctuation and symbols dropped (not - or _), spaces to hyphens. */
    static String slug(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                .replace(' ', '-');
    }

    private static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text literal) {
                text.append(literal.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
