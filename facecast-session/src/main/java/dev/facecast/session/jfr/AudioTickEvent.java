package dev.facecast.session.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("facecast.AudioTick")
@Label("Audio tick")
@Description("Assembling 10 ms of audio from queued speech and pushing it to the publisher")
public final class AudioTickEvent extends MediaStageEvent {

    @Label("Speech frames")
    int speechFrames;

    public AudioTickEvent(String sessionId) {
        this.sessionId = sessionId;
    }

    public void setSpeechFrames(int speechFrames) {
        this.speechFrames = speechFrames;
    }
}
