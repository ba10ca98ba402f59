package io.ferry.runtime.deploy;

/**
 * A Default Application Router configuration (JSR 289 Appendix C) that cannot be used. Names the
 * line (1-based; -1 when the configuration came from {@link java.util.Properties}, where lines are
 * lost, and the message names the method key instead) and what is wrong.
 */
public final class DarConfigurationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String problem;

    public DarConfigurationException(int line, String problem) {
        this(line, problem, null);
    }

    public DarConfigurationException(int line, String problem, Throwable cause) {
        super("DAR configuration" + (line > 0 ? " line " + line : "") + ": " + problem, cause);
        this.line = line;
        this.problem = problem;
    }

    /** 1-based line, or -1. */
    public int line() {
        return line;
    }

    /** What is wrong, without the line. */
    public String problem() {
        return problem;
    }
}
