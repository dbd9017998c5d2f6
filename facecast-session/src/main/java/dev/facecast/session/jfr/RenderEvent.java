package dev.facecast.session.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("facecast.Render")
@Label("Avatar render")
@Description("Drawing one avatar frame into I420")
public final class RenderEvent extends MediaStageEvent {

    public RenderEvent(String sessionId) {
        this.sessionId = sessionId;
    }
}
