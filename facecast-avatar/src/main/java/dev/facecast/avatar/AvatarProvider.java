package dev.facecast.avatar;

import dev.facecast.provider.Call;
import dev.facecast.provider.CallRunner;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderMeters;
import dev.facecast.provider.ProviderPolicy;

/**
 * The base of every avatar: a vendor implements {@link #openStream} and this class owns the
 * rest. Opening a face runs under the policy's connect deadline and is retried with backoff (no
 * speech has gone to it yet); failures become {@link AvatarException}s with an error kind;
 * opens and failures are metered; a closed avatar opens nothing more. The streams themselves
 * are closed by the sessions' media threads, which own them.
 *
 * <p>Threading: faces open from any thread.
 */
public abstract class AvatarProvider implements Avatar {

    private final String name;
    private final CallRunner runner;

    protected AvatarProvider(String name, ProviderPolicy policy) {
        this.name = name;
        this.runner = new CallRunner(name, policy, AvatarException.class, AvatarException::new);
    }

    /**
     * Opens one session's face, the one method a vendor implements. A hosted avatar connects
     * here: report {@link Call#connected()} once it is up, and register what a blocked connect
     * waits on with {@link Call#closeOnAbort}.
     */
    protected abstract AvatarStream openStream(AvatarOptions options, ReplyListener replies, Call call) throws Throwable;

    /** Releases what the faces share, once. Nothing by default. */
    protected void releaseEngine() {
    }

    @Override
    public final String name() {
        return name;
    }

    public final ProviderMeters meters() {
        return runner.meters();
    }

    @Override
    public final AvatarStream open(AvatarOptions options, ReplyListener replies) {
        if (runner.isClosed()) {
            throw runner.failure(ErrorKind.UNAVAILABLE, name + " is closed", null);
        }
        return runner.call(() -> false, call -> openStream(options, replies, call));
    }

    @Override
    public final void close() {
        if (runner.close()) {
            releaseEngine();
        }
    }
}
