package dev.pitwall.ui.drill;

import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Game-day drills in the window: pick a scenario, read its plan, confirm it by typing its name,
 * run it in the context in view, watch its timeline live, HALT it with the big button, and find
 * its report.
 */
public final class DrillPanel extends SplitPane {

    private final ListView<DrillsPort.Offered> scenarios = new ListView<>();
    private final Button halt = new Button("HALT");

    /** @param context the context a drill runs in (the one in view), or null when none is open */
    public DrillPanel(DrillViewModel model, Supplier<String> context) {
        getStyleClass().add("drill-panel");
        setId("drill-panel");
        scenarios.setId("drill-scenarios");
        scenarios.setItems(model.scenarios());
        scenarios.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(DrillsPort.Offered offered, boolean empty) {
                super.updateItem(offered, empty);
                setText(empty || offered == null ? null : offered.scenario() == null ? offered.file() + " (invalid)" : offered.scenario().name());
            }
        });
        scenarios.getSelectionModel().selectedItemProperty().addListener((observable, old, offered) -> model.choose(offered));

        Label plan = new Label();
        plan.setId("drill-plan");
        plan.getStyleClass().add("drill-plan");
        plan.setWrapText(true);
        plan.textProperty().bind(model.planProperty());

        TextField confirm = new TextField();
        confirm.setId("drill-confirm");
        confirm.setPromptText("type the drill's name to confirm all its steps");
        HBox.setHgrow(confirm, Priority.ALWAYS);
        Button run = new Button("Run drill");
        run.setId("drill-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(Bindings.createBooleanBinding(() -> model.runningProperty().get() || model.chosen() == null
                || model.chosen().scenario() == null || !confirm.getText().equals(model.chosen().scenario().name()),
                model.runningProperty(), confirm.textProperty(), model.planProperty()));
        run.setOnAction(event -> {
            String where = context.get();
            if (where != null) {
                model.run(where, "confirmed in the window by typing " + model.chosen().scenario().name());
            }
        });
        halt.setId("drill-halt");
        halt.getStyleClass().add("drill-halt");
        halt.disableProperty().bind(model.runningProperty().not());
        halt.setOnAction(event -> model.halt());
        HBox controls = new HBox(confirm, run, halt);
        controls.getStyleClass().add("drill-controls");

        ListView<String> timeline = new ListView<>(model.timeline());
        timeline.setId("drill-timeline");
        timeline.getStyleClass().add("drill-timeline");
        model.timeline().addListener((javafx.collections.ListChangeListener<String>) change -> timeline.scrollTo(model.timeline().size() - 1));
        VBox.setVgrow(timeline, Priority.ALWAYS);
        Label verdict = new Label();
        verdict.setId("drill-verdict");
        verdict.getStyleClass().add("drill-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(model.verdictProperty());
        Label report = new Label();
        report.setId("drill-report");
        report.getStyleClass().add("drill-report");
        report.textProperty().bind(Bindings.createStringBinding(() -> model.reportProperty().get().isEmpty() ? ""
                : "Report: " + model.reportProperty().get() + " (report.html, report-page-*.png, probes.png and junit.xml beside it)", model.reportProperty()));
        ProbeStrip probes = new ProbeStrip(model, () -> model.chosen() == null ? null : model.chosen().scenario());
        probes.setPrefHeight(150);
        VBox right = new VBox(plan, controls, verdict, probes, timeline, report);
        right.getStyleClass().add("drill-right");
        getItems().addAll(scenarios, right);
        setDividerPositions(0.25);
    }

    public ListView<DrillsPort.Offered> scenarioList() {
        return scenarios;
    }
}
