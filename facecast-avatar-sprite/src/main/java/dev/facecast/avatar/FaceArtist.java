package dev.facecast.avatar;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws the stylized head with Java2D. Used only at start-up, to make the sprite sheet; the
 * per-frame path never draws. All sizes are in a 480-pixel-high design space, scaled.
 */
final class FaceArtist {

    private static final Color SKIN = new Color(0xF2C7A5);
    private static final Color SKIN_SHADE = new Color(0xDDA582);
    private static final Color HAIR = new Color(0x3B2A20);
    private static final Color HAIR_LIGHT = new Color(0x5A4030);
    private static final Color LIP = new Color(0xC4646A);
    private static final Color MOUTH_INSIDE = new Color(0x5A1E24);
    private static final Color TONGUE = new Color(0xD9777C);
    private static final Color IRIS = new Color(0x3C7A5A);
    private static final Color SHIRT = new Color(0x2F4B7C);

    private final int width;
    private final int height;
    private final double scale;
    private final double centerX;
    private final double headCenterY;

    FaceArtist(int width, int height) {
        this.width = width;
        this.height = height;
        this.scale = Math.min(width, height * 1.2) / 480.0;
        this.centerX = width / 2.0;
        this.headCenterY = height * 0.45;
    }

    /** Where the mouth patch sits (at head offset 0): x, y, width, height, all even. */
    int[] mouthBox() {
        return evenBox(centerX - 52 * scale, mouthY() - 30 * scale, 104 * scale, 62 * scale);
    }

    /** Where the eyes-and-brows patch sits (at head offset 0). */
    int[] eyesBox() {
        return evenBox(centerX - 82 * scale, eyeY() - 44 * scale, 164 * scale, 68 * scale);
    }

    double scale() {
        return scale;
    }

    BufferedImage draw(Viseme viseme, EyeState eyes, int headOffsetY) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            drawBackground(g);
            g.translate(0, headOffsetY);
            drawBody(g);
            drawHead(g);
            drawEyes(g, eyes);
            drawMouth(g, viseme);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawBackground(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0x9FD3E0), 0, height, new Color(0x4E7FA3)));
        g.fillRect(0, 0, width, height);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(centerX, headCenterY), (float) (260 * scale),
                new float[]{0f, 1f}, new Color[]{new Color(255, 255, 255, 70), new Color(255, 255, 255, 0)}));
        g.fillRect(0, 0, width, height);
    }

    private void drawBody(Graphics2D g) {
        double s = scale;
        g.setColor(SKIN_SHADE);
        g.fill(new RoundRectangle2D.Double(centerX - 34 * s, headCenterY + 90 * s, 68 * s, 90 * s, 20 * s, 20 * s));
        g.setColor(SHIRT);
        g.fill(new RoundRectangle2D.Double(centerX - 170 * s, headCenterY + 160 * s, 340 * s, 260 * s, 140 * s, 140 * s));
        g.setColor(SHIRT.brighter());
        g.setStroke(new BasicStroke((float) (5 * s)));
        g.draw(new Arc2D.Double(centerX - 44 * s, headCenterY + 130 * s, 88 * s, 70 * s, 200, 140, Arc2D.OPEN));
        // back hair, behind the face
        g.setColor(HAIR);
        g.fill(new Ellipse2D.Double(centerX - 128 * s, headCenterY - 150 * s, 256 * s, 290 * s));
    }

    private void drawHead(Graphics2D g) {
        double s = scale;
        g.setColor(SKIN_SHADE);
        g.fill(new Ellipse2D.Double(centerX - 118 * s, headCenterY - 18 * s, 30 * s, 48 * s));
        g.fill(new Ellipse2D.Double(centerX + 88 * s, headCenterY - 18 * s, 30 * s, 48 * s));
        Shape face = new Ellipse2D.Double(centerX - 100 * s, headCenterY - 125 * s, 200 * s, 250 * s);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(centerX - 20 * s, headCenterY - 40 * s), (float) (170 * s),
                new float[]{0f, 1f}, new Color[]{SKIN.brighter(), SKIN_SHADE}));
        g.fill(face);
        // cheeks
        g.setColor(new Color(230, 120, 120, 45));
        g.fill(new Ellipse2D.Double(centerX - 80 * s, headCenterY + 20 * s, 44 * s, 28 * s));
        g.fill(new Ellipse2D.Double(centerX + 36 * s, headCenterY + 20 * s, 44 * s, 28 * s));
        // nose: a soft shadow and a highlight
        g.setColor(new Color(180, 110, 80, 90));
        g.setStroke(new BasicStroke((float) (3 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Arc2D.Double(centerX - 12 * s, headCenterY + 14 * s, 24 * s, 16 * s, 200, 140, Arc2D.OPEN));
        // fringe
        GeneralPath fringe = new GeneralPath();
        fringe.moveTo(centerX - 104 * s, headCenterY - 20 * s);
        fringe.curveTo(centerX - 110 * s, headCenterY - 150 * s, centerX + 110 * s, headCenterY - 160 * s,
                centerX + 104 * s, headCenterY - 20 * s);
        fringe.curveTo(centerX + 90 * s, headCenterY - 70 * s, centerX + 40 * s, headCenterY - 95 * s,
                centerX - 10 * s, headCenterY - 80 * s);
        fringe.curveTo(centerX - 50 * s, headCenterY - 70 * s, centerX - 90 * s, headCenterY - 60 * s,
                centerX - 104 * s, headCenterY - 20 * s);
        fringe.closePath();
        g.setPaint(new GradientPaint((float) centerX, (float) (headCenterY - 150 * s), HAIR_LIGHT,
                (float) centerX, (float) (headCenterY - 40 * s), HAIR));
        g.fill(fringe);
    }

    private void drawEyes(Graphics2D g, EyeState eyes) {
        double s = scale;
        double y = eyeY();
        for (int side = -1; side <= 1; side += 2) {
            double x = centerX + side * 42 * s;
            // brow: raised a little while the eyes are open
            g.setColor(HAIR);
            g.setStroke(new BasicStroke((float) (6 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Arc2D.Double(x - 22 * s, y - 36 * s, 44 * s, 24 * s, side < 0 ? 30 : 20, 130, Arc2D.OPEN));
            if (eyes == EyeState.CLOSED) {
                g.setStroke(new BasicStroke((float) (3.5 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.setColor(HAIR);
                g.draw(new Arc2D.Double(x - 18 * s, y - 8 * s, 36 * s, 16 * s, 200, 140, Arc2D.OPEN));
                continue;
            }
            Shape white = new Ellipse2D.Double(x - 18 * s, y - 12 * s, 36 * s, 24 * s);
            g.setColor(Color.WHITE);
            g.fill(white);
            Shape clip = g.getClip();
            g.clip(white);
            g.setColor(IRIS);
            g.fill(new Ellipse2D.Double(x - 10 * s, y - 10 * s, 20 * s, 20 * s));
            g.setColor(new Color(0x161616));
            g.fill(new Ellipse2D.Double(x - 5 * s, y - 5 * s, 10 * s, 10 * s));
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Double(x - 1 * s, y - 6 * s, 5 * s, 5 * s));
            if (eyes == EyeState.HALF) {
                g.setColor(SKIN_SHADE);
                g.fill(new java.awt.geom.Rectangle2D.Double(x - 20 * s, y - 14 * s, 40 * s, 14 * s));
            }
            g.setClip(clip);
            g.setColor(HAIR);
            g.setStroke(new BasicStroke((float) (3 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            double lidTop = eyes == EyeState.HALF ? y : y - 12 * s;
            g.draw(new Arc2D.Double(x - 18 * s, lidTop, 36 * s, eyes == EyeState.HALF ? 6 * s : 24 * s, 20, 140, Arc2D.OPEN));
        }
    }

    private void drawMouth(Graphics2D g, Viseme v) {
        double s = scale;
        double y = mouthY();
        double halfWidth = (24 + 20 * v.width - 8 * v.roundness) * s;
        double openHeight = (3 + 34 * v.openness) * s;
        g.setStroke(new BasicStroke((float) (3 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        if (v.openness == 0) {
            GeneralPath lips = new GeneralPath();
            double lift = v == Viseme.REST ? 5 * s : 1 * s;
            double thickness = v == Viseme.MBP ? 7 * s : 5 * s;
            lips.moveTo(centerX - halfWidth, y - lift);
            lips.quadTo(centerX, y + 6 * s, centerX + halfWidth, y - lift);
            lips.quadTo(centerX, y + 6 * s + thickness, centerX - halfWidth, y - lift);
            g.setColor(LIP);
            g.fill(lips);
            g.setColor(LIP.darker());
            g.draw(new java.awt.geom.QuadCurve2D.Double(centerX - halfWidth, y - lift, centerX, y + 5 * s, centerX + halfWidth, y - lift));
            return;
        }
        double lipThickness = 6 * s;
        Shape outer = new Ellipse2D.Double(centerX - halfWidth - lipThickness / 2, y - openHeight / 2 - lipThickness,
                2 * halfWidth + lipThickness, openHeight + 2 * lipThickness);
        Shape inner = new Ellipse2D.Double(centerX - halfWidth + lipThickness / 2, y - openHeight / 2,
                2 * halfWidth - lipThickness, openHeight);
        g.setColor(LIP);
        g.fill(outer);
        g.setColor(MOUTH_INSIDE);
        g.fill(inner);
        Shape clip = g.getClip();
        g.clip(inner);
        if (v.teeth) {
            g.setColor(new Color(0xF7F4EE));
            g.fill(new java.awt.geom.Rectangle2D.Double(centerX - halfWidth, y - openHeight / 2 - s, 2 * halfWidth,
                    Math.max(4 * s, openHeight * 0.32)));
        }
        if (v.tongue) {
            g.setColor(TONGUE);
            double tongueTop = v == Viseme.TH ? y - openHeight * 0.1 : y + openHeight * 0.15;
            g.fill(new Ellipse2D.Double(centerX - halfWidth * 0.6, tongueTop, halfWidth * 1.2, openHeight));
        }
        g.setClip(clip);
        if (v.lowerLipTucked) {
            g.setColor(SKIN_SHADE);
            g.fill(new Ellipse2D.Double(centerX - halfWidth, y + openHeight / 2 - s, 2 * halfWidth, lipThickness + 2 * s));
        }
    }

    private double eyeY() {
        return headCenterY - 14 * scale;
    }

    private double mouthY() {
        return headCenterY + 64 * scale;
    }

    private int[] evenBox(double x, double y, double w, double h) {
        int x0 = Math.max(0, ((int) Math.floor(x)) & ~1);
        int y0 = Math.max(0, ((int) Math.floor(y)) & ~1);
        int boxWidth = Math.min(width - x0, ((int) Math.ceil(w) + 1) & ~1);
        int boxHeight = Math.min(height - y0, ((int) Math.ceil(h) + 1) & ~1);
        return new int[]{x0, y0, boxWidth, boxHeight};
    }
}
