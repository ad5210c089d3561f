package io.oktioneer.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository checked out around this module. */
final class Repo {

    static final Path ROOT = Path.of(System.getProperty("oktioneer.root", "..")).toAbsolutePath().normalize();

    /** Working directory of the checks (node packages, rendered manifests), under target/. */
    static final Path WORK = Path.of(System.getProperty("deploychecks.work", "target/deploy-checks")).toAbsolutePath();

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
    }

    static boolean exists(String relative) {
        return Files.exists(path(relative));
    }
}
