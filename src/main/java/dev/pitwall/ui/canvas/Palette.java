package dev.pitwall.ui.canvas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.converter.FontConverter;
import javafx.css.converter.PaintConverter;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;

/**
 * The colours and font a Canvas draws with, taken from the stylesheet: an invisible node whose
 * CSS properties ({@code -pw-paint-<name>} and {@code -pw-paint-font}) are set in ui/pitwall.css,
 * so that canvases follow the theme like every other control and no colour lives in code.
 * Add it as a child of the canvas's container and read it when drawing.
 */
public final class Palette extends Region {

    private final Map<String, StyleableObjectProperty<Paint>> paints = new LinkedHashMap<>();
    private final StyleableObjectProperty<Font> font;
    private final List<CssMetaData<? extends Styleable, ?>> cssMetaData;

    /** {@code names}: the paints the canvas uses; each is {@code -pw-paint-<name>} in the stylesheet. */
    public Palette(String styleClass, List<String> names) {
        getStyleClass().addAll("palette", styleClass);
        setManaged(false);
        setVisible(false);
        List<CssMetaData<? extends Styleable, ?>> metaData = new ArrayList<>(Region.getClassCssMetaData());
        for (String name : names) {
            CssMetaData<Palette, Paint> meta = new CssMetaData<>("-pw-paint-" + name, PaintConverter.getInstance(), Color.TRANSPARENT) {
                @Override
                public boolean isSettable(Palette palette) {
                    return true;
                }

                @Override
                public StyleableProperty<Paint> getStyleableProperty(Palette palette) {
                    return palette.paints.get(name);
                }
            };
            paints.put(name, new SimpleStyleableObjectProperty<>(meta, this, name, Color.TRANSPARENT));
            metaData.add(meta);
        }
        CssMetaData<Palette, Font> fontMeta = new CssMetaData<>("-pw-paint-font", FontConverter.getInstance(), Font.getDefault()) {
            @Override
            public boolean isSettable(Palette palette) {
                return true;
            }

            @Override
            public StyleableProperty<Font> getStyleableProperty(Palette palette) {
                return palette.font;
            }
        };
        font = new SimpleStyleableObjectProperty<>(fontMeta, this, "font", Font.getDefault());
        metaData.add(fontMeta);
        cssMetaData = List.copyOf(metaData);
    }

    public Paint paint(String name) {
        StyleableObjectProperty<Paint> paint = paints.get(name);
        if (paint == null) {
            throw new IllegalArgumentException("no paint named " + name + " in palette " + getStyleClass());
        }
        return paint.get();
    }

    public Font font() {
        return font.get();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return cssMetaData;
    }
}
