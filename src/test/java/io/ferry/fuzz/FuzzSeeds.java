package io.ferry.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The protocol fixtures under {@code src/test/resources/fixtures/} as seeds for the fuzz tests:
 * passed through {@code @MethodSource}, Jazzer replays them in regression mode and adds them to
 * the corpus when fuzzing. New fixtures become seeds without being copied.
 */
final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /** Every fixture file whose name ends with one of {@code suffixes}, named by its path. */
    static Stream<Arguments> fixtures(String... suffixes) {
        URL root = FuzzSeeds.class.getResource("/fixtures");
        if (root == null) {
            return Stream.empty();
        }
        try {
            Path dir = Paths.get(root.toURI());
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                        .sorted()
                        .collect(Collectors.toList());
            }
            return files.stream().map(p -> Arguments.of(Named.of(dir.relativize(p).toString(), read(p))));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chunk lengths 1..16 from a generator seeded by the input, so that a finding replays exactly. */
    static int[] chunkLengths(byte[] input) {
        int[] lengths = new int[input.length];
        long state = java.util.Arrays.hashCode(input) * 0x9E3779B97F4A7C15L + input.length;
        for (int i = 0; i < lengths.length; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            lengths[i] = 1 + (int) ((state >>> 33) & 15);
        }
        return lengths;
    }
}
