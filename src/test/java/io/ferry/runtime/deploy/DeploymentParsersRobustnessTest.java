package io.ferry.runtime.deploy;

import io.ferry.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutated descriptors and DAR files (seeded, so a failure is reproducible) either parse or fail
 * with the parser's own exception; no other exception may escape.
 */
class DeploymentParsersRobustnessTest {

    private static final int ROUNDS = 3000;
    private static final String SPECIALS = "<>/\"'&;:=(),\\ \n";

    private static byte[] mutate(byte[] in, SplittableRandom rnd) {
        byte[] b = in.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b[at] = (byte) SPECIALS.charAt(rnd.nextInt(SPECIALS.length()));
                case 2 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                default -> {
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(20));
                    byte[] longer = new byte[b.length + len];
                    System.arraycopy(b, 0, longer, 0, at + len);
                    System.arraycopy(b, at, longer, at + len, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    @Test
    void sipXml_mutatedFixtures_parseOrFailWithDeploymentDescriptorException() {
        SplittableRandom rnd = new SplittableRandom(289);
        List<byte[]> seeds = List.of(Fixtures.bytes("jsr289/sip-xml/full-1.1.xml"),
                Fixtures.bytes("jsr289/sip-xml/jsr116-1.0.xml"), Fixtures.bytes("jsr289/sip-xml/main-servlet-1.1.xml"));
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = mutate(seeds.get(i % seeds.size()), rnd);
            try {
                SipXmlParser.parse(input);
            } catch (DeploymentDescriptorException expected) {
                // the one failure path
            } catch (RuntimeException e) {
                fail("round " + i + ": " + e + "\n" + new String(input, StandardCharsets.ISO_8859_1), e);
            }
        }
    }

    @Test
    void dar_mutatedFixtures_parseOrFailWithDarConfigurationException() {
        SplittableRandom rnd = new SplittableRandom(289);
        List<byte[]> seeds = List.of(Fixtures.bytes("jsr289/dar/appendix-c.properties"),
                Fixtures.bytes("jsr289/dar/whitespace-quoting.properties"));
        for (int i = 0; i < ROUNDS; i++) {
            String input = new String(mutate(seeds.get(i % seeds.size()), rnd), StandardCharsets.UTF_8);
            try {
                DarConfiguration.parse(input);
            } catch (DarConfigurationException expected) {
                // the one failure path
            } catch (RuntimeException e) {
                fail("round " + i + ": " + e + "\n" + input, e);
            }
        }
    }
}
