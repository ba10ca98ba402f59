package io.ferry.runtime.transport.netty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Shared fixtures: loopback config, SIP messages, a key store made by keytool, log capture. */
final class TransportFixtures {

    static final String PASSWORD = "changeit";

    private TransportFixtures() {
    }

    /** Everything on 127.0.0.1 with ephemeral ports, two I/O threads. */
    static NettyTransportConfig loopback() {
        return NettyTransportConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0, 0).withWorkerThreads(2);
    }

    static byte[] options(String callId) {
        return ("OPTIONS sip:ferry@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:test@127.0.0.1>;tag=1\r\n"
                + "To: <sip:ferry@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A PKCS12 key store with a self-signed EC certificate for localhost and 127.0.0.1, made by
     * the JDK's keytool.
     */
    static Path keyStore(Path dir, String name, String cn) throws IOException, InterruptedException {
        Path file = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + cn, "-ext", "SAN=dns:" + cn + ",ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        return file;
    }

    /** Captures the formatted log lines of one class's System.Logger (backed by java.util.logging). */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final Logger logger;
        private final List<String> lines = new ArrayList<>();

        LogCapture(Class<?> source) {
            this.logger = Logger.getLogger(source.getName());
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            lines.add(new SimpleFormatter().formatMessage(record));
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
