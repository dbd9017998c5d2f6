package dev.facecast.fakevendors;

import dev.facecast.fakevendors.anam.FakeAnam;
import dev.facecast.fakevendors.inworld.FakeInworld;
import io.javalin.Javalin;

/**
 * The fake vendors on one local port: Inworld's TTS WebSocket and Anam's hosted avatar. Each vendor's base URL is
 * what its client is configured with in place of the real one.
 */
public final class FakeVendorServer implements AutoCloseable {

    private final FakeVoice voice = new FakeVoice();
    private final FakeInworld inworld = new FakeInworld(voice);
    private final FakeAnam anam = new FakeAnam();
    private final Javalin app;

    private FakeVendorServer(String host, int port) {
        app = Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
        });
        inworld.install(app);
        anam.install(app);
        app.start(host, port);
    }

    /** Listens on {@code 127.0.0.1:port} (0: any free port). */
    public static FakeVendorServer start(int port) {
        return new FakeVendorServer("127.0.0.1", port);
    }

    public int port() {
        return app.port();
    }

    /** What {@code --inworld-url} takes. */
    public String inworldBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public FakeInworld inworld() {
        return inworld;
    }

    /** What {@code --anam-url} takes. */
    public String anamBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public FakeAnam anam() {
        return anam;
    }

    @Override
    public void close() {
        inworld.close();
        app.stop();
        anam.close();
        voice.close();
    }
}
