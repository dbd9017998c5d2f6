package dev.facecast.session.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("facecast.VideoHandoff")
@Label("Video hand-off")
@Description("Handing one frame to the encoder: the copy into libwebrtc's buffer and the push")
public final class VideoHandoffEvent extends MediaStageEvent {

    @Label("Re-sent unchanged frame")
    boolean repeated;

    public VideoHandoffEvent(String sessionId, boolean repeated) {
        this.sessionId = sessionId;
        this.repeated = repeated;
    }
}
