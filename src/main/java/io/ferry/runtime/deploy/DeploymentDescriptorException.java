package io.ferry.runtime.deploy;

/**
 * A {@code WEB-INF/sip.xml} that cannot be deployed: not well-formed, not a sip-app, or against
 * the sip-app 1.1 schema or JSR 289's rules. Carries the position (1-based line and column, or -1
 * when unknown) and what is wrong.
 */
public final class DeploymentDescriptorException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String problem;

    public DeploymentDescriptorException(int line, int column, String problem) {
        this(line, column, problem, null);
    }

    public DeploymentDescriptorException(int line, int column, String problem, Throwable cause) {
        super("sip.xml " + (line > 0 ? "line " + line + ", column " + column : "(position unknown)") + ": " + problem, cause);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** 1-based line, or -1. */
    public int line() {
        return line;
    }

    /** 1-based column, or -1. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
