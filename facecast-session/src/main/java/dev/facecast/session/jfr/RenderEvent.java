package dev.facecast.session.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("facecast.Render")
@Label("Avatar render")
@Description("Drawing one avatar frame into I420")
public final class RenderEvent extends MediaStageEvent {

    @Label("Viseme")
    String viseme;

    public RenderEvent(String sessionId, String viseme) {
        this.sessionId = sessionId;
        this.viseme = viseme;
    }
}
