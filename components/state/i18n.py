"""Every piece of text the page shows, in English and in Korean, and the two ways to get it.

* `text(lang, key, **values)`: the table's text for `key` in `lang`, its {blanks} filled with str.format.
  Code that writes page text and knows the language (the page, the sidebar, the notes, the figure)
  calls this. A key missing from the table raises KeyError, so a forgotten key fails loudly.
* `Phrase(key, **values)`: text for code deep in the pure modules that cannot know the language, such as
  a SettingError raised while Settings are made, or the notice inside a cached run. A Phrase *is* its
  English text (a str: str(), ==, `in` and logs all read English), and it remembers its key and values,
  so the page can say it again with `phrase.in_(lang)`. A value may be a Phrase itself (a message that
  quotes another one); it is then said in the same language.

The Korean follows the PyTorch tutorial's Korean translation for its terms: 변화도 (gradient),
학습률 (learning rate), 순전파 (forward pass), 역전파 (backward pass), 손실 (loss), 가중치 (weights),
경사하강법 (gradient descent), 다항식 (polynomial), 텐서 (tensor). Setting names in messages (degree, lr,
expr, ...) are the URL's names and stay as they are in both languages; so do Python's own syntax-error
texts quoted in a message about a typed formula.

Standard library only: figures.py and settings.py use this, and must import without torch or Streamlit.
"""
from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "ko")  # the URL's lang= values; the first is the default

EN: dict[str, str] = {
    # The language control (each language's name is written in that language, in both tables).
    "language.label": "Language",
    "language.en": "English",
    "language.ko": "한국어",
    # The page
    "page.title": "Polynomial Autograd Playground",
    "page.caption": "PyTorch's autograd fits a polynomial by gradient descent, step by step. "
                    "Press ▶ Play under the chart to watch it; move the sliders on the left to change the "
                    "run.",
    "page.caption_lecture": "PyTorch's autograd fits a polynomial by gradient descent, step by step. The "
                            "chart plays by itself whenever the settings change; the settings are in the "
                            "sidebar (» at the top left).",
    "page.training": "Training…",
    "page.progress": "Training: step {step:,} of {total:,}",
    "page.cpu_instead": "{error} Running on the CPU instead.",
    "page.use_lr": "Use the learning rate {lr}",
    # The figures of a run, below the chart
    "metric.final_loss": "Final loss",
    "metric.best_loss": "Best possible loss",
    "metric.best_loss_help": "The least-squares optimum.",
    "metric.gap": "Gap to the best",
    "metric.diverged": "diverged",
    "metric.held_out": "Held-out loss",
    "metric.held_out_help": "On points halfway between the samples.",
    "metric.time": "Training time",
    "metric.at_optimum": "at the optimum",
    "metric.speed": "Steps per second",
    "metric.speed_help": "Steps the training loop ran, divided by its time (set-up not counted).",
    "metric.device": "Device",
    "metric.method": "Computed by",
    "method.autograd": "autograd",  # method.<Trajectory.method>
    "method.closed form": "closed form",
    # Durations (components/views/formatting.py: format_duration)
    "time.seconds": "{value} s",
    "time.minutes": "{minutes} min {seconds} s",
    "time.hours": "{hours} h {minutes} min",
    "time.days": "{days:,} days",
    "time.day": "1 day",
    "time.years": "{years} years",
    "time.year": "1 year",
    "time.instant": "under 1 ms",
    # The sidebar
    "sidebar.header": "Settings",
    "sidebar.lecture": "Lecture mode",
    "sidebar.lecture_help": "Large type, thick lines, the three main sliders, and the animation starting by "
                            "itself.",
    "sidebar.preset": "Preset",
    "sidebar.preset_placeholder": "— choose a prepared situation —",
    "sidebar.preset_hint": "Each preset sets the sliders to a prepared situation and says what it shows.",
    "sidebar.expr_prompt": "Type your own target f(x) in the box under Target function, such as sin(3*x) + "
                           "0.5*x. Until you do, the run fits {default}.",
    "sidebar.expr_prompt_lecture": "Your own target is chosen but not typed yet: turn Lecture mode off to "
                                   "type it under Target function. Until you do, the run fits {default}.",
    "sidebar.advanced": "Advanced",
    "sidebar.expr_placeholder": "sin(3*x) + 0.5*x",
    "label.degree": "Degree of the polynomial",
    "label.lr": "Learning rate",
    "label.steps": "Training steps",
    "label.optimizer": "Optimizer",
    "label.beta": "Momentum β",
    "label.basis": "Basis",
    "label.target": "Target function",
    "label.points": "Sample points",
    "label.noise": "Noise on the samples (standard deviation)",
    "label.loss": "Loss",
    "label.seed": "Random seed (initial coefficients)",
    "label.device": "Device",
    "label.dtype": "Precision",
    "label.xmin": "Domain from x =",
    "label.xmax": "Domain to x =",
    "label.engine": "Computation",
    "label.expr": "Your own target, f(x) =",
    # The choices of the select boxes: choice.<setting>.<value>
    "choice.optimizer.gd": "gradient descent (tutorial)",
    "choice.optimizer.momentum": "heavy-ball momentum",
    "choice.optimizer.nesterov": "Nesterov momentum",
    "choice.optimizer.adam": "Adam",
    "choice.basis.power": "powers of x (tutorial)",
    "choice.basis.scaled": "scaled powers of x",
    "choice.basis.legendre": "Legendre polynomials",
    "choice.target.sin": "sin(x)",
    "choice.target.cos": "cos(x)",
    "choice.target.exp": "exp(x)",
    "choice.target.abs": "|x|",
    "choice.target.sign": "sign(x)",
    "choice.target.gauss": "Gaussian bump",
    "choice.target.runge": "Runge's function",
    "choice.target.expr": "your own formula (below)",
    "choice.loss.sum": "sum of squares (tutorial)",
    "choice.loss.mean": "mean squared error",
    "choice.device.auto": "auto (GPU if there is one)",
    "choice.device.cpu": "CPU",
    "choice.device.cuda": "CUDA GPU",
    "choice.dtype.float32": "float32 (tutorial)",
    "choice.dtype.float64": "float64",
    "choice.engine.closed-form": "closed form when faster",
    "choice.engine.autograd": "step-by-step autograd",
    # The presets (components/state/presets.py): a name and the sentence of what it shows
    "preset.tutorial.name": "The tutorial",
    "preset.tutorial.shows": "The tutorial's cubic on sin(x): after its 2000 steps it is still well above "
                             "the best possible loss.",
    "preset.too-big.name": "Too big a step",
    "preset.too-big.shows": "The cubic with a learning rate past its stable bound (about 3.6e-6): every step "
                            "overshoots and it diverges.",
    "preset.degree-4.name": "Same step, degree 4",
    "preset.degree-4.shows": "The tutorial's learning rate 1e-6 at degree 4, where the bound is about "
                             "4.6e-7: it diverges within 40 steps.",
    "preset.ill-conditioned.name": "Ill-conditioned",
    "preset.ill-conditioned.shows": "Degree 5 in powers of x: the stable learning rate is tiny (5.8e-8). "
                                    "After 50,000 steps the fit still strays from sin(x) by up to 0.4, where "
                                    "the best possible stays within 0.02, and the loss is over 1,000 times "
                                    "the best.",
    "preset.legendre.name": "Legendre basis",
    "preset.legendre.shows": "The same degree 5 in Legendre polynomials: near its bound (5e-4) it reaches "
                             "the best fit within 200 steps.",
    "preset.momentum.name": "Momentum vs plain GD",
    "preset.momentum.shows": "The tutorial's problem and learning rate with heavy-ball momentum (β 0.9): "
                             "within 1% of the best loss in its 2000 steps, where plain gradient descent "
                             "(the grey dotted loss) is still 39% above it.",
    "preset.adam.name": "Adam",
    "preset.adam.shows": "Adam scales each coefficient's step by its own gradient history: with lr 0.01 it "
                         "fits the cubic in powers of x within 1% in 2000 steps.",
    "preset.runge.name": "Runge's function",
    "preset.runge.shows": "Degree 12 on Runge's function 1/(1+25(x/π)²): even the best polynomial cannot "
                          "follow the sharp peak and wiggles across the flat tails.",
    "preset.noisy.name": "Noisy data",
    "preset.noisy.shows": "Degree 15 through 40 noisy points: the training loss falls below the noise level "
                          "(the green dash-dot line) while the held-out loss (green) stays above it — the "
                          "polynomial fits the noise.",
    # The notes under the chart (components/views/summary.py)
    "note.closed_form": "Computed exactly in closed form. "
                        "(Plain and momentum gradient descent on a squared error are linear recurrences.)",
    "note.closed_form_estimate": "Computed exactly in closed form; step-by-step autograd would take about "
                                 "{duration}. "
                                 "(Plain and momentum gradient descent on a squared error are linear "
                                 "recurrences.)",
    "note.lr_too_large": "The learning rate {lr} is above the largest stable one for degree {degree} with "
                         "this basis and optimizer, about {bound}: the steps overshoot and grow.",
    "note.diverged": "The run diverged at step {step:,}: the loss or {coefficient}, the coefficient growing "
                     "fastest, was no longer a finite number. "
                     "The figure shows the run up to step {last:,}.",
    "note.cut_short": "The run was cut short at step {step:,} of {steps:,}: it reached the time limit for "
                      "one run.",
    "note.converged": "Converged: the loss is within {gap}% of the best possible.",
    "note.at_optimum": "Converged: the loss is the best possible, to the precision of {dtype}.",
    "note.precision_floor": "The loss has stopped at {loss}, above the best possible {best}: after the "
                            "{needed:,} steps the maths needs, what is left is the rounding of float32 "
                            "(about one part in 10⁷ of every value). Choose float64 under Precision to go "
                            "further.",
    "note.precision_floor_64": "The loss has stopped at {loss}, above the best possible {best}: after the "
                               "{needed:,} steps the maths needs, what is left is rounding.",
    "note.lr_below_slider": "The stable learning rate, about {bound}, is below the smallest this page offers "
                            "({least}): in this basis the problem is too badly conditioned to train. Try the "
                            "Legendre basis.",
    "note.lr_too_slow": "Even at {lr}, just below the bound, the run would need about {needed} steps to get "
                        "{goal}; the Legendre basis gets there in far fewer.",
    "note.lr_too_slow_legendre": "Even at {lr}, just below the bound, the run would need about {needed} "
                                 "steps to get {goal}.",
    "note.lr_never": "Even at {lr}, just below the bound, the run would need more than {steps} steps to get "
                     "{goal}.",
    "note.lr_far_below": "The learning rate {lr} is far below the largest stable one for this degree, basis "
                         "and optimizer, about {bound}: the steps are tiny and the run crawls. Each basis "
                         "has its own stable learning rate.",
    "note.not_converged": "Not converged yet: {distance}.",
    "note.not_converged_steps": "Not converged yet: {distance}. About {needed:,} steps in all would bring it "
                                "{goal} ({duration} of autograd at this run's speed).",
    "note.not_converged_forever": "Not converged yet: {distance}. About {needed} steps in all would bring it "
                                  "{goal}: {duration} of autograd at this run's speed, longer than anyone "
                                  "can run.",
    "note.not_converged_beyond": "Not converged yet: {distance}. About {needed} steps in all would bring it "
                                 "{goal} ({duration} of autograd at this run's speed), more than the "
                                 "{most:,} this page runs.",
    "note.distance_percent": "the loss is {gap}% above the best possible",
    "note.distance_zero": "the loss is {loss}, where the best possible is about 0",
    "note.goal_percent": "within 1%",
    "note.goal_zero": "down to a millionth of a millionth of where it started",
    "note.converged_zero": "Converged: the loss, {loss}, is a millionth of a millionth of where it started; "
                           "the best possible is about 0.",
    "note.diverged_at_start": "The loss of the starting polynomial is already too large for a finite number "
                              "(a wide domain and a high degree): no step could be taken.",
    # The chart (components/views/figures.py, components/views/summary.py)
    "figure.title": "Degree {degree} fit to {target} by autograd",
    "figure.title_closed_form": "Degree {degree} fit to {target} in closed form",
    "figure.fit_panel": "The fit",
    "figure.loss_panel": "Loss (log scale)",
    # figure.diverged_here: inside the loss panel, beside a line at that step
    "figure.diverged_here": "diverged at<br>step {step:,}",
    "figure.fit_off_chart": "fit off the chart",
    "figure.held_out": "held-out loss",
    "figure.noise_level": "noise level",
    "figure.reference": "plain gradient descent",
    "figure.taylor": "Taylor at x = {centre}",
    "chart.taylor": "Taylor polynomial",
    "chart.taylor_help": "The target's Taylor polynomial of the same degree about the domain's centre, its "
                         "derivatives computed by autograd: why isn't the best fit the Taylor polynomial? "
                         "In the link as taylor=1.",
    "chart.extrapolate": "Extrapolate",
    "chart.extrapolate_help": "The fit panel 1.5 times as wide as the training domain (shaded): a "
                              "polynomial that fits inside explodes outside. In the link as extrapolate=1.",
    "chart.axis": "Loss panel's step axis",
    "chart.axis_help": "A log step axis shows the fast start. In the link as axis=log.",
    "choice.axis.linear": "linear",
    "choice.axis.log": "log",
    "chart.taylor_losses": "The Taylor polynomial fits the target near x = {centre} only: its loss is "
                           "{taylor}, the least-squares optimum's {optimum}. Least squares weighs every "
                           "sample alike.",
    "chart.extrapolated": "Outside the training domain (shaded) the final fit's mean squared error is "
                          "{outside}; inside it, {inside}.",
    "figure.reference_diverged": "plain gradient descent (diverged at step {step:,})",
    "figure.axis_step_linear": "step",
    "figure.axis_step_log": "step (log scale, from step 1)",
    "figure.speed.slow": "▶ slow",
    "figure.speed.fast": "▶ fast",
    "figure.axis_loss": "loss",
    "figure.samples": "samples",
    "figure.target": "target",
    "figure.optimum": "optimum",
    "figure.fit": "fit",
    "figure.loss": "loss",
    "figure.loss_so_far": "loss so far",
    "figure.current_step": "current step",
    "figure.optimum_loss": "optimum loss",
    "figure.play": "▶ Play",
    "figure.pause": "❚❚ Pause",
    "figure.slider_prefix": "step ",
    "figure.slider_suffix": " of {last:,}",
    # The coefficient that broke (components/engine/training.py)
    "coefficient.constant": "c0 (the constant)",
    "coefficient.linear": "c1 (the x term)",
    "coefficient.power": "c{index} (the x{power} term)",
    # What a run had to change (components/engine/runs.py)
    "runs.capped": "Step-by-step autograd is limited to {limit:,} point-steps a run, so this run stops at "
                   "step {steps:,} of {wanted:,} ({points:,} points).",
    "runs.gpu_failed": "The GPU failed ({reason}); the run was done on the CPU instead.",
    "runs.two_notices": "{first} {second}",
    # Bad settings (components/state/settings.py, components/ui/controls.py)
    "setting.not_allowed": "{name}: {value} is not allowed; allowed: {allowed}.",
    "allowed.whole_number": "a whole number from {low:,} to {high:,}",
    "allowed.one_of": "one of {choices}",
    "allowed.lr": "a number above 0, such as 1e-6",
    "allowed.beta": "a number from 0 up to 0.999",
    "allowed.xmin": "a number from {low:g} to {high:g}, below xmax",
    "allowed.xmax": "a number from {low:g} to {high:g}, above xmin",
    "allowed.above_xmin": "a number above xmin ({xmin:g})",
    "allowed.noise": "a number from 0 to {high:g}",
    "allowed.expr": "an expression in x such as sin(3*x) + 0.5*x",
    "allowed.no_cuda": "auto or cpu: no CUDA GPU is available on this machine",
    "allowed.step": "a whole number from 0 to the run's last step (at most {high:,})",
    "query.unknown_key": "{key} is not a setting and was ignored; settings: {known}.",
    "query.repeated": "{key} was given {count} times; the last, {value}, is used.",
    "query.using_default": "{error} Using the default, {default}.",
    "query.default_domain": "{error} Using the default xmin and xmax.",
    "query.default_target": "{error} Using the default target and expr.",
    "query.bad_target": "{problem} Using the default target.",
    # A typed target formula (components/state/expression.py)
    # A widget's help is Markdown: every piece of a formula is in code spans,
    # so that no * is read as emphasis.
    "expr.help": "Use `x`, `u` (x scaled to [-1, 1]), numbers, `pi`, `e`, `+ - * / **` (the exponent a "
                 "number, at most {exponent}) and `{functions}` (`arcsin` etc. too). Example: "
                 "`sin(3*x) + 0.5*x`",
    "expr.not_text": "text such as sin(3*x) + 0.5*x",
    "expr.too_long": "at most {limit} characters, got {length}",
    "expr.empty": "a formula such as sin(3*x) + 0.5*x, not an empty text",
    "expr.non_printable": "non-printable character {char} at position {position}; one line",
    "expr.char_not_allowed": "{char} is not allowed at position {position}; {hint}",
    "expr.number_then_word": "'{word}' written straight after the number {number} at position {position}; "
                             "{hint}",
    "expr.syntax": "{detail} at {where}; {hint}",
    "expr.position": "position {position}",
    "expr.the_end": "the end",
    "expr.problem_at": "{problem} at position {position}; {hint}",
    "expr.simpler": "a simpler formula; {hint}",
    "expr.not_from_parser": "a formula made by parse_expression; {hint}",
    "expr.not_finite": "values that are finite on the whole domain; the value is not finite ({found}) at "
                       "x = {where:.6g} (e.g. log of a negative number, or division by zero)",
    "expr.hint_general": "only numbers, x, u, pi, e, + - * / ** and calls such as sin(x)",
    "expr.hint_calls": "calls only to {functions}, with one argument each",
    "expr.hint_names": "names are x, u (x scaled to [-1, 1]), pi and e",
    "expr.hint_multiply": "put * between a number and a name, like 3*x",
    "expr.hint_simpler": "a simpler formula",
    "expr.hint_call_it": "call it, like {name}(x)",
    "expr.hint_exponents": "exponents from -{limit} to {limit}",
    "expr.hint_exponents_exp": "exponents from -{limit} to {limit}; use exp(...) for e to a power",
    "expr.nested": "formula nested more than {depth} deep",
    "expr.function_without_brackets": "function '{name}' used without brackets",
    "expr.unknown_name": "unknown name '{name}'",
    "expr.operator_not_allowed": "{operator} is not allowed",
    "expr.this_operator": "this operator",
    "expr.caret": "'^' (use ** for powers)",
    "expr.value_not_allowed": "{value} is not allowed",
    "expr.complex": "complex numbers ('j') are not allowed",
    "expr.string": "strings are not allowed",
    "expr.bytes": "bytes are not allowed",
    "expr.number_too_large": "number too large (at most {limit:,.0f} in size)",
    "expr.exponent_formula": "'**' exponent must be a plain number such as 2 or -0.5, not a formula",
    "expr.exponent_too_large": "'**' exponent too large (at most {limit})",
    "expr.only_functions": "only functions can be called",
    "expr.cannot_call": "'{name}' cannot be called",
    "expr.keyword_arguments": "keyword arguments are not allowed in {name}()",
    "expr.no_argument": "{name}() without an argument",
    "expr.extra_argument": "extra argument to {name}()",
    "expr.attribute": "attribute access ('.') is not allowed",
    "expr.subscript": "indexing ('[...]') is not allowed",
    "expr.lambda": "lambda is not allowed",
    "expr.comprehension": "comprehensions are not allowed",
    "expr.if_else": "if-else expressions are not allowed",
    "expr.comparison": "comparisons are not allowed",
    "expr.and_or": "'and' and 'or' are not allowed",
    "expr.walrus": "':=' is not allowed",
    "expr.f_string": "f-strings are not allowed",
    "expr.unpacking": "'*' unpacking is not allowed",
    "expr.list": "lists are not allowed",
    "expr.tuple": "tuples (',') are not allowed",
    "expr.set": "sets are not allowed",
    "expr.dict": "dicts are not allowed",
    "expr.slice": "slices are not allowed",
    "expr.await": "await is not allowed",
    "expr.yield": "yield is not allowed",
    "expr.construct": "{construct} is not allowed",
    "exports.title": "Take it with you",
    "exports.html": "Animation (HTML, plays offline)",
    "exports.gif": "Animation (GIF)",
    "exports.gif_missing": "The GIF is drawn by Chromium, which this server does not have.",
    "exports.frames_csv": "Coefficients at every frame (CSV)",
    "exports.loss_csv": "Loss at every step (CSV)",
    "exports.script": "PyTorch script of this run (.py)",
    "exports.code": "The code behind this picture",
    "page.left_out": "Terms smaller than a millionth of the largest one on the domain are left out as ≈ 0: "
                     "{terms}.",
    "exports.code_caption": "A PyTorch script in the tutorial's style that runs exactly these settings and "
                            "prints the polynomial above.",
    # Inside one step (components/ui/panels/step.py and the views it draws)
    "step.title": "Inside one step",
    "step.caption": "Any step of this run in four stages: the code on the left is what runs, the graph is "
                    "the "
                    "one autograd recorded while it ran, the table holds its numbers.",
    "step.open": "The graph, the code and the numbers of one step",
    "step.label": "Step inspected",
    "step.stage_label": "Stage",
    "step.help": "From 0 (the start) to {last:,}, the run's last step. In the link as step=.",
    "step.previous_stage": "◀ Previous stage",
    "step.next_stage": "Next stage ▶",
    "step.next_step": "Next step ▶▶",
    "step.stage.forward": "1 Forward pass",
    "step.stage.loss": "2 Loss",
    "step.stage.backward": "3 Backward pass",
    "step.stage.update": "4 Update",
    "step.graph_not_yet": "not computed yet",
    "step.graph_group": "{count} more terms, {first} … {last}:\n{nodes}",
    "step.graph_grouped": "The middle {count} terms repeat one pattern (AccumulateGrad → MulBackward0 → "
                          "AddBackward0): the dashed box stands for them, so the graph stays readable.",
    "step.replaying": "Replaying the run to step {step:,}…",
    "step.col.coefficient": "coefficient · φₖ",
    "step.col.value": "value at step {step:,}",
    "step.col.grad": ".grad (loss.backward())",
    "step.col.by_hand": "grad by hand: 2·Σ(ŷ−y)·φₖ(x)",
    "step.col.by_hand_mean": "grad by hand: 2·Σ(ŷ−y)·φₖ(x) / n",
    "step.col.numeric": "grad by central difference (float64)",
    "step.col.h": "its step h",
    "step.col.velocity_before": "velocity v before",
    "step.col.velocity_after": "v after: β·v + grad",
    "step.col.adam_m_before": "Adam's m before (mean of grad)",
    "step.col.adam_m_after": "m after",
    "step.col.adam_v_before": "Adam's v before (mean of grad²)",
    "step.col.adam_v_after": "v after",
    "step.col.change.gd": "lr × grad",
    "step.col.change.momentum": "the step: lr × v",
    "step.col.change.nesterov": "the step: lr × (grad + β·v)",
    "step.col.change.adam": "Adam's step",
    "step.col.after": "value after the update",
    "step.table_caption": "The gradient three ways: autograd's .grad in the run's dtype; the formula of the "
                          "tutorial's NumPy version and central differences (L(w + h·eₖ) − L(w − h·eₖ)) / "
                          "2h, "
                          "both in float64 over all {points:,} points, with h = {relative}·max(1, |value|).",
    "step.adam_count": "After this update Adam has counted {count:,} steps (its bias correction uses the "
                       "count).",
    "step.notebook": "Notebook of this step (.ipynb)",
    "step.notebook_help": "The tutorial's cells for these settings, trained to this step, then this step's "
                          "stages as cells that print this table.",
    "step.out_of_range": "step: {value} is not a step of this run; allowed: a whole number from 0 to "
                         "{last:,} "
                         "(the run's last step). Showing step 0.",
    "step.figure.samples": "samples y",
    "step.figure.prediction": "ŷ at step {step:,}",
    "step.figure.errors": "errors ŷ − y",
    "step.figure.after": "ŷ after the update",
    "step.figure.title_forward": "Step {step:,}, forward pass: the prediction ŷ",
    "step.figure.title_loss": "Step {step:,}, loss: the errors ŷ − y, squared and added",
    "step.figure.title_backward": "Step {step:,}, backward pass: the errors give the gradients",
    "step.figure.title_update": "Step {step:,}, update: the curve after the step",
    "step.words.forward": "Forward pass: with step {step:,}'s coefficients ({coefficients}) the polynomial "
                          "gives "
                          "a prediction ŷ at each of the {points:,} points; at x = {x} it is {y_pred}, where "
                          "the target is {y}.",
    "step.words.loss_sum": "Loss: the squared errors (ŷ − y)², added up over the {points:,} points, make "
                           "{loss}. The thin lines in the figure are the errors ŷ − y.",
    "step.words.loss_mean": "Loss: the squared errors (ŷ − y)², averaged over the {points:,} points, make "
                            "{loss}. The thin lines in the figure are the errors ŷ − y.",
    "step.words.backward_grows": "Backward pass: loss.backward() walks the graph back from the loss and "
                                 "fills "
                                 "every coefficient's .grad. It filled {name}.grad = {grad}: the loss grows "
                                 "if "
                                 "{name} grows.",
    "step.words.backward_falls": "Backward pass: loss.backward() walks the graph back from the loss and "
                                 "fills "
                                 "every coefficient's .grad. It filled {name}.grad = {grad}: the loss falls "
                                 "if "
                                 "{name} grows.",
    "step.words.backward_flat": "Backward pass: loss.backward() walks the graph back from the loss and fills "
                                "every coefficient's .grad. It filled {name}.grad = {grad}: here the loss "
                                "does "
                                "not change with {name}.",
    "step.words.plain_lowers": "So the update lowers {name}.",
    "step.words.plain_raises": "So the update raises {name}.",
    "step.words.state_lowers": "The update, which also carries the optimizer's state, lowers {name}.",
    "step.words.state_raises": "The update, which also carries the optimizer's state, raises {name}.",
    "step.words.update_gd": "Update: each coefficient moves against its gradient by lr × grad: "
                            "{name} ← {before} − {lr} × ({grad}) = {after}.",
    "step.words.update_momentum": "Update (momentum): the velocity gathers the gradients, v ← β·v + grad = "
                                  "{beta} × ({v_before}) + ({grad}) = {v_after}, and the coefficient moves "
                                  "by "
                                  "lr × v: {name} ← {before} − {lr} × ({v_after}) = {after}.",
    "step.words.update_nesterov": "Update (Nesterov): v ← β·v + grad = {v_after}, and the coefficient moves "
                                  "by lr × (grad + β·v), a look ahead along v: {name} ← {before} − {lr} × "
                                  "(({grad}) + {beta} × ({v_after})) = {after}.",
    "step.words.update_adam": "Update (Adam): Adam keeps running means of the gradient (m) and of its square "
                              "(v) and moves each coefficient by about lr × m / √v, whatever the gradient's "
                              "size: {name} ← {before} − ({change}) = {after}.",
    "step.words.loss_falls": "The loss falls from {before} to {after}.",
    "step.words.loss_rises": "The loss rises from {before} to {after}: this step overshoots.",
    "step.words.last": "The run stopped at this step: this is the update it would take next.",
    # The target's Taylor polynomial (components/engine/taylor.py)
    "taylor.no_series": "{target} has no Taylor series about x = {centre}: {reason}.",
    "taylor.reason_jump": "it jumps there",
    "taylor.cut": "Autograd's repeated derivatives of this target grow with each order; those past order "
                  "{degree} would take too long here, so the Taylor polynomial drawn is of degree {degree}, "
                  "not {wanted}.",
    "taylor.reason_kink": "its derivative of order {order} jumps there",
    "taylor.reason_infinite": "its derivative of order {order} is not finite there",
    "allowed.switch": "0 (off) or 1 (on)",
    "allowed.plane": "{planes}, or two coefficients, the smaller index first: c0-c1 … c14-c{degree}",
    "why.title": "Why it converges, or doesn't",
    "why.caption": "Gradient descent on this loss moves each eigendirection of the Hessian H on its own: "
                   "for plain gradient descent the error along direction i shrinks by |1 − lr·λᵢ| per step "
                   "(momentum and Nesterov by a 2×2 matrix's rate). The largest eigenvalue sets the stable "
                   "learning rate, the smallest the speed.",
    "why.open": "The eigenmodes, the loss landscape and the coefficient paths",
    "why.tab.modes": "Eigenmodes",
    "why.tab.landscape": "Loss landscape",
    "why.tab.paths": "Coefficient paths",
    "modes.title": "The error along each eigendirection",
    "modes.mode": "mode {number} (λ = {eigenvalue})",
    "modes.predicted_of": "mode {number}, predicted",
    "modes.predicted": "dotted: predicted",
    "modes.axis_step": "step (log scale, from step 1)",
    "modes.axis_error": "|error along the mode|",
    "modes.spectrum_title": "lr·λ of each mode",
    "modes.axis_mode": "mode (1 = smallest λ)",
    "modes.axis_lr_lambda": "lr·λ",
    "modes.lr_lambda": "lr·λ",
    "modes.limit": "stable below {limit}",
    "modes.words.condition": "The Hessian's eigenvalues run from {low} to {high}: the condition number "
                             "λ_max/λ_min is {kappa}.",
    "modes.words.limit": "lr·λ_max is {h}; this optimizer is stable while it stays below {limit}, so the "
                         "largest stable learning rate is {stable_lr} (this run's: {lr}).",
    "modes.words.growing": "Mode {number} grows ×{rate} per step: its lr·λ = {h} is past {limit}. That is "
                           "the mode that blows this run up.",
    "modes.words.slowest_enough": "The slowest mode is mode {number}: it shrinks ×{rate} per step, so it "
                                  "needs about {needed} steps to shrink 100×; this run has {steps}.",
    "modes.words.slowest_short": "The slowest mode is mode {number}: it shrinks ×{rate} per step, so it "
                                 "needs about {needed} steps to shrink 100×, and this run has only {steps}: "
                                 "it crawls.",
    "modes.words.adam": "Adam divides each coefficient's step by the size of its own recent gradients, so "
                        "its step is no fixed linear map of the error: there is no rate to predict, and "
                        "only the measured lines are drawn.",
    "modes.caption": "Solid: the run's own coefficients, projected onto each eigenvector of H. Dotted: what "
                     "the optimizer's iteration matrix predicts from the start, (Mᵗ)₀₀ times the starting "
                     "error; for plain gradient descent that is |1 − lr·λ|ᵗ. A solid line that leaves its "
                     "dotted one has met the rounding of the run's number type: of a tiny error, or of "
                     "another mode's huge one.",
    "landscape.title": "The loss over a plane through the optimum",
    "landscape.plane_label": "Plane",
    "landscape.plane.slowest": "the two flattest directions, smallest λ (the long valley)",
    "landscape.plane.extremes": "the flattest and the steepest direction, smallest and largest λ",
    "landscape.plane.coefficients": "coefficients {first} and {second} (of {first_term} and {second_term})",
    "landscape.axis_mode_slowest": "mode {number}, the flattest (λ = {eigenvalue})",
    "landscape.axis_mode_fastest": "mode {number}, the steepest (λ = {eigenvalue})",
    "landscape.axis_mode_other": "mode {number} (λ = {eigenvalue})",
    "landscape.axis_coefficient": "coefficient {name} − its optimum",
    "landscape.colour_bar": "loss above the best",
    "landscape.loss": "loss above the best",
    "landscape.path": "the run's path",
    "landscape.optimum": "the optimum",
    "landscape.now": "this step",
    "landscape.hover": "step %{{text}}<extra></extra>",
    "landscape.no_such_plane": "plane={plane} names a coefficient that a degree-{degree} run does not have: "
                               "the plane shown is {default}.",
    "landscape.whole_space": "At degree 1 the plane is the whole space: at every point of the path the "
                             "contour is the run's loss.",
    "landscape.projected": "The contour is the loss with every other direction at its optimum, and the path "
                           "is projected onto the plane. The loss of the directions outside it: {off_start} "
                           "of the run's loss {start} at step 0, {off_last} of {last} at the last step.",
    "paths.title_power": "Each coefficient of powers of x against the step",
    "paths.title_basis": "Each coefficient of the run's basis ({basis}) against the step",
    "paths.run": "the run",
    "paths.optimum": "the optimum's value",
    "paths.caption": "Log step axis, from step 1. Each small panel has its own scale: the coefficients "
                     "differ by orders of magnitude.",
    "chart.extrapolated_undefined": "Outside the training domain (shaded) the target is not defined, so "
                                    "there is no error to state there; inside it, the final fit's mean "
                                    "squared error is {inside}.",
    "modes.words.condition_unresolved": "The Hessian's eigenvalues run from {low} to {high}: the smallest "
                                        "is below float64's rounding of the largest, so the condition "
                                        "number λ_max/λ_min is only known to exceed {bound}, and the "
                                        "slowest mode's pace is rounding noise.",
    "modes.caption_closed_form": "This run of more than 20,000 steps was computed by the exact closed form, "
                                 "from the same iteration matrices: its solid lines equal the dotted ones "
                                 "by construction. With 20,000 steps or fewer (or the engine set to "
                                 "autograd), the solid lines are autograd's own coefficients.",
    "landscape.projected_coefficients": "The contour is the loss with every other coefficient at its "
                                        "optimum, and the path is projected onto the plane: coefficients "
                                        "are not independent directions of the loss, so the path's own loss "
                                        "is not the contour's there.",
    "allowed.pin": "name:value pairs, comma-separated, each name once and one of {names}",
    "allowed.pin_length": "at most {most} characters",
    "pins.bad": "pin {number} ({pin}) is left out: {error}",
    "pins.repeat": "pin {number} ({pin}) is left out: it is the current run, or a run pinned already.",
    "pins.too_many": "At most {most} runs can be pinned: the last {count} pins of the link are left out.",
    "pin.short.optimizer.gd": "plain GD",
    "pin.short.optimizer.momentum": "momentum",
    "pin.short.optimizer.nesterov": "Nesterov",
    "pin.short.optimizer.adam": "Adam",
    "pin.short.basis.power": "powers of x",
    "pin.short.basis.scaled": "scaled powers",
    "pin.short.basis.legendre": "Legendre",
    "pin.short.loss.sum": "sum loss",
    "pin.short.loss.mean": "mean loss",
    "pin.diverged": "{label} (diverged at step {step})",
    "pin.table.run": "run",
    "pin.table.final_loss": "final loss",
    "pin.table.gap": "gap to the best, %",
    "pin.table.converged": "step within 1%",
    "pin.table.condition": "condition number",
    "pin.table.stable_lr": "largest stable lr",
    "pin.table.time": "time",
    "pin.table.diverged": "diverged at {step}",
    "pin.table.not_yet": "not yet",
    "pin.title": "Compare runs",
    "pin.pin": "Pin this run",
    "pin.pin_help": "Keep this run on the chart beside the next ones (up to {most}); in the link as pin=.",
    "pin.unpin": "✕ {label}",
    "pin.this_run": "this run",
    "pin.notice": "{label}: {notice}",
    "pin.hint": "Pin this run, then move a slider: both runs are drawn together, and a table compares them.",
    "pin.csv": "Download the table (CSV)",
    "pin.table.time_by": "{time} ({method})",
    "comparison.label": "Prepared comparison",
    "comparison.placeholder": "— choose a comparison —",
    "comparison.help": "Sets this run and pins the runs it is compared with; in the link like any pins.",
    "comparison.degree-3-vs-4.name": "Same step, degree 3 vs 4",
    "comparison.degree-3-vs-4.shows": "The same learning rate, 1e-6: degree 3 converges slowly, degree 4 "
                                      "diverges at step 31. The x⁴ term makes λ_max 7.7 times larger, and "
                                      "1e-6 × λ_max passes the stability limit 2.",
    "comparison.power-vs-legendre.name": "Powers of x vs Legendre, each at its own best learning rate",
    "comparison.power-vs-legendre.shows": "Each at 99% of its own largest stable learning rate, 2/λ_max: "
                                          "3.5e-6 for powers of x, 4.9e-4 for Legendre, whose λ_max is "
                                          "about 140 times smaller (one rate for both would be unstable for "
                                          "one or crawl for the other). Legendre is within 1% of the best "
                                          "at step 134, powers of x at step 868.",
    "comparison.optimizers.name": "Plain GD vs momentum vs Nesterov vs Adam",
    "comparison.optimizers.shows": "After 2,000 steps at the tutorial's learning rate, plain gradient "
                                   "descent is still 39% above the best; momentum is within 1% at step 255, "
                                   "Nesterov at step 260, and Adam (lr 0.01) at step 1,792.",
    "comparison.sum-vs-mean.name": "Sum vs mean loss (why the learning rate must change by n)",
    "comparison.sum-vs-mean.shows": "The mean loss is the sum divided by n = 2,000, and so is its gradient: "
                                    "at a learning rate 2,000 times larger (2e-3) the mean run takes the "
                                    "very steps of the sum run, and its loss is the sum's over 2,000 at "
                                    "every step.",
    "sidebar.predict": "Predict, then reveal",
    "sidebar.predict_help": "A new run's outcome stays hidden (only its start is drawn) until you predict "
                            "it and press Reveal. In the link as predict=1.",
    "predict.title": "What will this run do?",
    "predict.caption": "Only the start is drawn: the target, the best polynomial and the starting one. "
                       "Predict, then reveal the run.",
    "predict.kind": "It …",
    "predict.kind.converges": "converges (within 1% of the best)",
    "predict.kind.crawls": "crawls (not within 1% in its steps)",
    "predict.kind.diverges": "diverges",
    "predict.within": "… within this many steps",
    "predict.reveal": "Reveal",
    "predict.said.converges": "converges within {within} steps",
    "predict.said.crawls": "crawls",
    "predict.said.diverges": "diverges within {within} steps",
    "predict.did.converges": "it got within 1% of the best at step {step}",
    "predict.did.crawls": "it crawls: not within 1% in its steps (it would need about {step})",
    "predict.did.diverges": "it diverged at step {step}",
    "predict.right": "You said it {said}, and {did}: right.",
    "predict.right_kind": "You said it {said}, and {did}: right about what it does, not about when.",
    "predict.wrong": "You said it {said}, but {did}.",
    "pin.table.outcome": "outcome",
    "pin.table.converged_yes": "converged",
    "predict.did.crawls_unknown": "it crawls: not within 1% in its steps",
    "pin.cut_short": "{label}: stopped at step {step}, past the pinned runs' share of the time budget.",
    "data.no_points": "There are no points.",
    "data.empty": "The file is empty: no line holds a point. Two columns are needed, x and y, such as "
                  "0.5, 1.2.",
    "data.too_many": "{count:,} points are more than the {most:,} allowed.",
    "data.not_finite": "Every x and y must be a finite number (no NaN or infinity).",
    "data.too_big": "Every x and y must be at most {most} in size.",
    "data.too_few": "{count} point is too few: at least {least} are needed.",
    "data.same_x": "Every point has x = {x}: a polynomial in x needs at least two different x.",
    "data.too_large": "The file is over {most} MB, the most that can be read.",
    "data.binary": "This is not a text file (byte {at:,} is not text): upload a CSV or text file of two "
                   "columns, x and y.",
    "data.columns": "line {line}: {count} columns; two are needed, x and y.",
    "data.cell_not_finite": "line {line}: {cell} is not a finite number (NaN and infinity are not "
                            "allowed).",
    "data.not_a_number": "line {line}: {cell} is not a number.",
    "data.cell_too_big": "line {line}: {cell} is larger than {most} in size.",
    "data.unreadable": "line {line}: a cell too long to read.",
    "allowed.data": "points as the page writes them into the link",
    "allowed.data_missing": "points to fit: upload a file or paste them (a link carries at most 200)",
    "allowed.data_base64": "points as the page writes them into the link; this text is damaged (it is not "
                           "base64url: perhaps it was cut when the link was copied)",
    "allowed.data_version": "points as the page writes them into the link (version {version}); this text "
                            "is of another version or damaged",
    "allowed.data_zlib": "points as the page writes them into the link; this text is damaged (its "
                         "compressed part does not unpack)",
    "allowed.data_length": "points as the page writes them into the link; this text is damaged (a part is "
                           "missing or extra)",
    "allowed.data_points": "points that can be fitted; these cannot: {problem}",
    "allowed.holdout": "a fraction from 0 to {high:g}",
    "allowed.holdout_for_points": "a fraction that leaves at least 2 of the {count} points to train on",
    "allowed.degree_for_points": "a degree from 1 to {most}: {points} points to train on fit a polynomial "
                                 "of degree {most} at most",
    "query.degree_for_points": "{error} Using degree {degree}.",
    "query.default_holdout": "{error} Holding out none.",
    "query.default_target_data": "{error} Using the default target.",
    "choice.target.data": "your points (below)",
    "label.data_file": "Your points: a CSV or text file",
    "label.data_text": "… or paste them here, one x, y per line",
    "label.holdout": "Hold out this fraction of the points",
    "holdout.help": "Off (0) by default. A fraction of your points, drawn by the seed, is left out of the "
                    "training; the held-out loss is the loss on them, which the run never saw.",
    "data.help": "Two columns, x and y, with a comma, semicolon, tab or spaces between them (a semicolon "
                 "allows a decimal comma, as Excel writes it); a header line, blank lines and # comments "
                 "are skipped. A file of at most 8 MB, from 2 to 100,000 points, each number at most "
                 "1,000,000 in size; they are kept as 32-bit floats (about 7 significant digits). Up to "
                 "200 points travel in the link.",
    "data.text_placeholder": "x, y\n0, 0.1\n0.5, 0.52\n1, 0.83",
    "data.apply": "Use these points",
    "sidebar.data_prompt": "Upload a file or paste your points under Target function (in Advanced); "
                           "meanwhile the run fits {default}.",
    "sidebar.data_prompt_lecture": "Your points are chosen as the target but none are loaded: leave "
                                   "lecture mode to upload or paste them under Advanced. "
                                   "Meanwhile the run fits {default}.",
    "data.source_paste": "The pasted text",
    "data.loaded": "{source}: {count:,} points, x from {xmin:g} to {xmax:g}. The run fits them.",
    "data.rejected": "{source} was not used: {error} The run keeps its previous target.",
    "data.needs_degree": "degree {degree} needs at least {needed} points to train on, and there are "
                         "{count}. Lower the degree first, or add points.",
    "data.not_in_link": "The link does not carry your {count:,} points (it carries at most {most}). To "
                        "share this run, send the link with the file “Your points (CSV)” from the "
                        "downloads below.",
    "data.held_out": "{held:,} of your {count:,} points ({percent}) are held out, drawn by seed {seed}: "
                     "the run trains on the other {trained:,}, and the held-out loss is the loss on the "
                     "points it never saw.",
    "data.raw_x": "Your x run from {xmin:g} to {xmax:g}, and in powers of x the features 1, x, …, "
                  "{power} differ in size there by a factor of about {spread}: the loss's condition "
                  "number is {kappa}. No one learning rate suits every direction at once. Choose the "
                  "basis “scaled” or “Legendre” under Advanced: both map x onto [-1, 1].",
    "data.no_taylor": "Your points have no formula, so there is no Taylor polynomial to draw.",
    "data.no_extrapolation_error": "Your points say nothing outside their own x range: the wide view "
                                   "shows where the polynomial goes there, with nothing to compare it "
                                   "with.",
    "figure.points": "your points",
    "figure.held_out_points": "held-out points",
    "figure.your_points": "your points",
    "metric.held_out_help_data": "On the held-out points, which the run never trained on.",
    "metric.held_out_none_help": "No points are held out: choose a fraction under Advanced (Hold "
                                 "out).",
    "exports.data_csv": "Your points (CSV)",
    "data.one_column": "line {line}: one column; two are needed, x and y.",
    "data.not_utf8": "Byte {at:,} of the file is not UTF-8 text: save it as UTF-8 (in Excel: CSV UTF-8) "
                     "and upload it again.",
    "query.data_missing": "target=data asks for your own points, but the link carries none (no data=; a "
                          "link carries at most {most} points, and more come as a file). Using the "
                          "default target.",
    "page.use_basis": "Use {basis}",
    "label.data": "Your points",
    "pin.short.points": "{count:,} points",
    "data.held_out_scaled": "Being fewer, their sum of squares is multiplied by {trained:,}/{held:,}, so "
                            "that it compares with the training's sum.",
    "data.kept": "Your {count:,} points are kept: choose “your points (below)” as the target function to "
                 "fit them again.",
    "data.needs_degree_holdout": "degree {degree} needs at least {needed} points to train on, and {count} "
                                 "are left once {held} are held out. Lower the degree or the held-out "
                                 "fraction first, or add points.",
    "data.header_only": "line {line}: {cell} reads as a header of words, and no point follows it: two "
                        "columns of numbers are needed, x and y.",
}

KO: dict[str, str] = {
    "language.label": "언어",
    "language.en": "English",
    "language.ko": "한국어",
    "page.title": "다항식 Autograd 놀이터",
    "page.caption": "PyTorch의 autograd가 경사하강법으로 다항식을 한 단계씩 학습합니다. "
                    "차트 아래의 ▶ 재생을 누르면 학습 과정을 볼 수 있고, 왼쪽 슬라이더를 움직이면 학습이 "
                    "바뀝니다.",
    "page.caption_lecture": "PyTorch의 autograd가 경사하강법으로 다항식을 한 단계씩 학습합니다. 설정이 바뀔 "
                            "때마다 차트가 저절로 재생되고, 설정은 사이드바(왼쪽 위의 »)에 있습니다.",
    "page.training": "학습 중…",
    "page.progress": "학습 중: {total:,}단계 중 {step:,}단계",
    "page.cpu_instead": "{error} 대신 CPU에서 실행합니다.",
    "page.use_lr": "학습률 {lr} 적용하기",
    "metric.final_loss": "최종 손실",
    "metric.best_loss": "가능한 최소 손실",
    "metric.best_loss_help": "최소제곱 최적해의 손실입니다.",
    "metric.gap": "최소 손실과의 차이",
    "metric.diverged": "발산",
    "metric.held_out": "검증 손실",
    "metric.held_out_help": "표본점과 표본점 사이 한가운데의 점들에서 잰 손실입니다.",
    "metric.time": "학습 시간",
    "metric.at_optimum": "최적점",
    "metric.speed": "초당 단계 수",
    "metric.speed_help": "학습 루프가 실행한 단계 수를 그 시간으로 나눈 값입니다(준비 시간은 빼고).",
    "metric.device": "장치",
    "metric.method": "계산 방법",
    "method.autograd": "autograd",
    "method.closed form": "닫힌 형식",
    "time.seconds": "{value}초",
    "time.minutes": "{minutes}분 {seconds}초",
    "time.hours": "{hours}시간 {minutes}분",
    "time.days": "{days:,}일",
    "time.day": "1일",
    "time.years": "{years}년",
    "time.year": "1년",
    "time.instant": "1밀리초 미만",
    "sidebar.header": "설정",
    "sidebar.lecture": "강의 모드",
    "sidebar.lecture_help": "큰 글씨와 굵은 선, 주요 슬라이더 세 개만 보여 주고 애니메이션이 저절로 "
                            "시작됩니다.",
    "sidebar.preset": "준비된 예제",
    "sidebar.preset_placeholder": "— 준비된 상황을 고르세요 —",
    "sidebar.preset_hint": "준비된 예제를 고르면 슬라이더가 그 상황으로 맞춰지고, 무엇을 보여 주는지 설명이 "
                           "나옵니다.",
    "sidebar.expr_prompt": "목표 함수 아래 칸에 sin(3*x) + 0.5*x 같은 목표 함수 f(x)를 직접 쓰세요. "
                           "쓰기 전까지는 {default}에 맞춥니다.",
    "sidebar.expr_prompt_lecture": "직접 쓰는 목표 함수를 골랐지만 아직 식이 없습니다: 강의 모드를 끄고 목표 "
                                   "함수 아래 칸에 식을 쓰세요. 쓰기 전까지는 {default}에 맞춥니다.",
    "sidebar.advanced": "고급 설정",
    "sidebar.expr_placeholder": "sin(3*x) + 0.5*x",
    "label.degree": "다항식의 차수",
    "label.lr": "학습률",
    "label.steps": "학습 단계 수",
    "label.optimizer": "옵티마이저",
    "label.beta": "모멘텀 β",
    "label.basis": "기저",
    "label.target": "목표 함수",
    "label.points": "표본점 개수",
    "label.noise": "표본의 잡음(표준편차)",
    "label.loss": "손실",
    "label.seed": "난수 시드(초기 가중치)",
    "label.device": "장치",
    "label.dtype": "정밀도",
    "label.xmin": "정의역 시작 x =",
    "label.xmax": "정의역 끝 x =",
    "label.engine": "계산 방식",
    "label.expr": "직접 쓰는 목표 함수 f(x) =",
    "choice.optimizer.gd": "기본 경사하강법(튜토리얼)",
    "choice.optimizer.momentum": "heavy-ball 모멘텀",
    "choice.optimizer.nesterov": "네스테로프 모멘텀",
    "choice.optimizer.adam": "Adam",
    "choice.basis.power": "x의 거듭제곱(튜토리얼)",
    "choice.basis.scaled": "[-1, 1]로 옮긴 x의 거듭제곱",
    "choice.basis.legendre": "르장드르 다항식",
    "choice.target.sin": "sin(x)",
    "choice.target.cos": "cos(x)",
    "choice.target.exp": "exp(x)",
    "choice.target.abs": "|x|",
    "choice.target.sign": "sign(x)",
    "choice.target.gauss": "가우스 봉우리",
    "choice.target.runge": "룽게 함수",
    "choice.target.expr": "직접 쓰는 식(아래)",
    "choice.loss.sum": "오차 제곱의 합(튜토리얼)",
    "choice.loss.mean": "평균 제곱 오차",
    "choice.device.auto": "자동(GPU가 있으면 GPU)",
    "choice.device.cpu": "CPU",
    "choice.device.cuda": "CUDA GPU",
    "choice.dtype.float32": "float32(튜토리얼)",
    "choice.dtype.float64": "float64",
    "choice.engine.closed-form": "더 빠르면 정확한 닫힌 형식",
    "choice.engine.autograd": "언제나 한 단계씩 autograd",
    "preset.tutorial.name": "튜토리얼",
    "preset.tutorial.shows": "sin(x)에 맞추는 튜토리얼의 3차 다항식: 2000단계를 학습한 뒤에도 손실이 가능한 "
                             "최소 손실보다 한참 큽니다.",
    "preset.too-big.name": "너무 큰 보폭",
    "preset.too-big.shows": "학습률이 안정 한계(약 3.6e-6)를 넘은 3차 다항식: 단계마다 지나치게 멀리 가서 "
                            "발산합니다.",
    "preset.degree-4.name": "같은 보폭, 4차",
    "preset.degree-4.shows": "튜토리얼의 학습률 1e-6을 4차 다항식에 쓰면, 안정 한계가 약 4.6e-7이라서 40단계 "
                             "안에 발산합니다.",
    "preset.ill-conditioned.name": "조건수가 나쁜 문제",
    "preset.ill-conditioned.shows": "x의 거듭제곱으로 나타낸 5차 다항식: 안정한 학습률이 아주 "
                                    "작습니다(5.8e-8). 50,000단계를 학습한 뒤에도 다항식은 sin(x)에서 최대 "
                                    "0.4나 벗어나 있고(가장 좋은 다항식은 0.02 이내), 손실은 최소 손실의 "
                                    "1,000배가 넘습니다.",
    "preset.legendre.name": "르장드르 기저",
    "preset.legendre.shows": "같은 5차 다항식을 르장드르 다항식으로 나타내면, 한계(5e-4) 가까운 학습률로 "
                             "200단계 안에 가장 좋은 적합에 닿습니다.",
    "preset.momentum.name": "모멘텀 대 기본 경사하강법",
    "preset.momentum.shows": "튜토리얼의 문제와 학습률에 heavy-ball 모멘텀(β 0.9)을 쓰면 2000단계 안에 최소 "
                             "손실의 1% 이내로 들어오지만, 기본 경사하강법(회색 점선 손실)은 아직 39% 위에 "
                             "있습니다.",
    "preset.adam.name": "Adam",
    "preset.adam.shows": "Adam은 계수마다 자신의 변화도 기록으로 보폭을 조절합니다: 학습률 0.01로 x의 "
                         "거듭제곱으로 나타낸 3차 다항식을 2000단계 안에 1% 이내로 맞춥니다.",
    "preset.runge.name": "룽게 함수",
    "preset.runge.shows": "룽게 함수 1/(1+25(x/π)²)에 맞춘 12차 다항식: 가장 좋은 다항식조차 뾰족한 봉우리를 "
                          "따라가지 못하고 평평한 양 끝에서 출렁입니다.",
    "preset.noisy.name": "잡음 섞인 데이터",
    "preset.noisy.shows": "잡음 섞인 점 40개를 지나는 15차 다항식: 학습 손실은 잡음 수준(초록 일점쇄선)보다 "
                          "작아지지만 검증 손실(초록 선)은 그보다 큰 채로 남습니다. 다항식이 잡음까지 외워 "
                          "버린 것입니다.",
    "note.closed_form": "닫힌 형식으로 정확히 계산했습니다. "
                        "(제곱 오차에 대한 기본 경사하강법과 모멘텀 경사하강법은 선형 점화식입니다.)",
    "note.closed_form_estimate": "닫힌 형식으로 정확히 계산했습니다. 한 단계씩 autograd로 학습하면 약 "
                                 "{duration}이(가) 걸립니다. (제곱 오차에 대한 기본 경사하강법과 모멘텀 "
                                 "경사하강법은 선형 점화식입니다.)",
    "note.lr_too_large": "학습률 {lr}은(는) 이 기저와 옵티마이저로 {degree}차 다항식을 학습할 때 안정한 가장 "
                         "큰 학습률(약 {bound})보다 큽니다: 단계마다 지나치게 멀리 가서 점점 커집니다.",
    "note.diverged": "{step:,}단계에서 학습이 발산했습니다: 손실 또는 가장 빨리 커지는 계수 "
                     "{coefficient}이(가) 더는 유한한 수가 아닙니다. "
                     "그림은 {last:,}단계까지의 학습을 보여 줍니다.",
    "note.cut_short": "학습 한 번에 주어진 시간 한도에 닿아 {steps:,}단계 중 {step:,}단계에서 멈췄습니다.",
    "note.converged": "수렴했습니다: 손실이 가능한 최소 손실의 {gap}% 이내입니다.",
    "note.at_optimum": "수렴했습니다: {dtype}의 정밀도 안에서 손실이 가능한 최소 손실과 같습니다.",
    "note.precision_floor": "손실이 가능한 최소 손실 {best}보다 큰 {loss}에서 멈췄습니다: 수학적으로 필요한 "
                            "{needed:,}단계가 지난 뒤 남은 것은 float32의 반올림 오차(값마다 약 10⁷분의 "
                            "1)입니다. 더 내려가려면 정밀도에서 float64를 고르세요.",
    "note.precision_floor_64": "손실이 가능한 최소 손실 {best}보다 큰 {loss}에서 멈췄습니다: 수학적으로 "
                               "필요한 {needed:,}단계가 지난 뒤 남은 것은 반올림 오차입니다.",
    "note.lr_below_slider": "안정한 학습률(약 {bound})이 이 페이지가 고를 수 있는 가장 작은 값({least})보다 "
                            "작습니다: 이 기저로는 조건수가 너무 나빠 학습할 수 없습니다. 르장드르 기저를 써 "
                            "보세요.",
    "note.lr_too_slow": "한계 바로 아래인 {lr}로도 약 {needed}단계를 학습해야 {goal}. 르장드르 기저라면 훨씬 "
                        "적은 단계로 닿습니다.",
    "note.lr_too_slow_legendre": "한계 바로 아래인 {lr}로도 약 {needed}단계를 학습해야 {goal}.",
    "note.lr_never": "한계 바로 아래인 {lr}로도 {steps}단계를 넘게 학습해야 {goal}.",
    "note.lr_far_below": "학습률 {lr}은(는) 이 차수와 기저, 옵티마이저에서 안정한 가장 큰 학습률(약 "
                         "{bound})보다 훨씬 작습니다: 보폭이 아주 작아 학습이 기어가듯 느립니다. 기저마다 "
                         "안정한 학습률이 다릅니다.",
    "note.not_converged": "아직 수렴하지 않았습니다: {distance}.",
    "note.not_converged_steps": "아직 수렴하지 않았습니다: {distance}. 모두 약 {needed:,}단계를 학습하면 "
                                "{goal}(이 학습의 속도로 autograd {duration}).",
    "note.not_converged_forever": "아직 수렴하지 않았습니다: {distance}. 모두 약 {needed}단계를 학습하면 "
                                  "{goal}. 이 학습의 속도로 autograd {duration}이(가) 걸리니, 누구도 기다릴 "
                                  "수 없는 시간입니다.",
    "note.not_converged_beyond": "아직 수렴하지 않았습니다: {distance}. 모두 약 {needed}단계를 학습하면 "
                                 "{goal}(이 학습의 속도로 autograd {duration}). 이 페이지가 실행하는 "
                                 "{most:,}단계보다 많습니다.",
    "note.distance_percent": "손실이 가능한 최소 손실보다 {gap}% 큽니다",
    "note.distance_zero": "손실은 {loss}이고, 가능한 최소 손실은 거의 0입니다",
    "note.goal_percent": "1% 이내로 들어옵니다",
    "note.goal_zero": "처음 손실의 1조분의 1까지 내려갑니다",
    "note.converged_zero": "수렴했습니다: 손실 {loss}은(는) 처음 손실의 1조분의 1보다 작고, 가능한 최소 "
                           "손실은 거의 0입니다.",
    "note.diverged_at_start": "처음 다항식의 손실부터 이미 유한한 수로 나타낼 수 없을 만큼 큽니다(넓은 "
                              "정의역과 높은 차수): 한 단계도 학습할 수 없었습니다.",
    "figure.title": "autograd로 {target}에 맞춘 {degree}차 다항식",
    "figure.title_closed_form": "닫힌 형식으로 {target}에 맞춘 {degree}차 다항식",
    "figure.fit_panel": "다항식 적합",
    "figure.loss_panel": "손실(로그 눈금)",
    "figure.diverged_here": "{step:,}단계에서<br>발산",
    "figure.fit_off_chart": "그래프 밖의 다항식",
    "figure.held_out": "검증 손실",
    "figure.noise_level": "잡음 수준",
    "figure.reference": "기본 경사하강법",
    "figure.taylor": "x = {centre}의 테일러",
    "chart.taylor": "테일러 다항식",
    "chart.taylor_help": "정의역 중심에서 구한 같은 차수의 테일러 다항식이며, 도함수는 autograd로 "
                         "계산합니다: 왜 가장 좋은 적합이 테일러 다항식이 아닐까요? 링크에서는 taylor=1.",
    "chart.extrapolate": "외삽",
    "chart.extrapolate_help": "적합 그림을 학습 구간(음영)의 1.5배 너비로 넓힙니다: 안에서 잘 맞는 다항식이 "
                              "밖에서는 폭발합니다. 링크에서는 extrapolate=1.",
    "chart.axis": "손실 그림의 단계 축",
    "chart.axis_help": "로그 단계 축은 빠른 시작을 보여 줍니다. 링크에서는 axis=log.",
    "choice.axis.linear": "선형",
    "choice.axis.log": "로그",
    "chart.taylor_losses": "테일러 다항식은 x = {centre} 근처에서만 목표에 맞습니다: 손실은 {taylor}, "
                           "최소제곱 최적해의 손실은 {optimum}입니다. 최소제곱은 모든 표본을 똑같이 "
                           "따집니다.",
    "chart.extrapolated": "학습 구간(음영) 밖에서 최종 적합의 평균제곱오차는 {outside}, 안에서는 "
                          "{inside}입니다.",
    "figure.reference_diverged": "기본 경사하강법({step:,}단계에서 발산)",
    "figure.axis_step_linear": "단계",
    "figure.axis_step_log": "단계 (로그 눈금, 1단계부터)",
    "figure.speed.slow": "▶ 느리게",
    "figure.speed.fast": "▶ 빠르게",
    "figure.axis_loss": "손실",
    "figure.samples": "표본점",
    "figure.target": "목표 함수",
    "figure.optimum": "최적 다항식",
    "figure.fit": "학습 중인 다항식",
    "figure.loss": "손실",
    "figure.loss_so_far": "지금까지의 손실",
    "figure.current_step": "현재 단계",
    "figure.optimum_loss": "최소 손실",
    "figure.play": "▶ 재생",
    "figure.pause": "❚❚ 멈춤",  # short: the slider's "단계 N" starts right after it
    "figure.slider_prefix": "단계 ",
    "figure.slider_suffix": " / {last:,}",
    "coefficient.constant": "c0(상수항)",
    "coefficient.linear": "c1(x 항)",
    "coefficient.power": "c{index}(x{power} 항)",
    "runs.capped": "한 단계씩 하는 autograd는 학습 한 번에 {limit:,}점·단계까지로 제한되어, 이 학습은 "
                   "{wanted:,}단계 중 {steps:,}단계에서 멈춥니다(점 {points:,}개).",
    "runs.gpu_failed": "GPU에서 오류가 났습니다({reason}). 대신 CPU에서 학습했습니다.",
    "runs.two_notices": "{first} {second}",
    # setting.not_allowed: {allowed} is a whole sentence in Korean
    "setting.not_allowed": "{name}: {value}은(는) 쓸 수 없습니다. {allowed}.",
    "allowed.whole_number": "{low:,}부터 {high:,}까지의 정수만 쓸 수 있습니다",
    "allowed.one_of": "{choices} 중 하나만 쓸 수 있습니다",
    "allowed.lr": "1e-6처럼 0보다 큰 수만 쓸 수 있습니다",
    "allowed.beta": "0 이상 0.999 이하의 수만 쓸 수 있습니다",
    "allowed.xmin": "{low:g}부터 {high:g}까지의 수로, xmax보다 작아야 합니다",
    "allowed.xmax": "{low:g}부터 {high:g}까지의 수로, xmin보다 커야 합니다",
    "allowed.above_xmin": "xmin({xmin:g})보다 커야 합니다",
    "allowed.noise": "0부터 {high:g}까지의 수만 쓸 수 있습니다",
    "allowed.expr": "sin(3*x) + 0.5*x 같은 x의 식이어야 합니다",
    "allowed.no_cuda": "이 컴퓨터에는 CUDA GPU가 없으니 auto나 cpu만 쓸 수 있습니다",
    "allowed.step": "0부터 이 실행의 마지막 단계(최대 {high:,})까지의 정수만 쓸 수 있습니다",
    "query.unknown_key": "{key}은(는) 설정이 아니어서 무시했습니다. 설정: {known}.",
    "query.repeated": "{key}이(가) {count}번 주어졌습니다. 마지막 값 {value}을(를) 씁니다.",
    "query.using_default": "{error} 기본값 {default}을(를) 씁니다.",
    "query.default_domain": "{error} 기본 xmin과 xmax를 씁니다.",
    "query.default_target": "{error} 기본 target과 expr을 씁니다.",
    "query.bad_target": "{problem} 기본 목표 함수를 씁니다.",
    "expr.help": "`x`, `u`([-1, 1]로 옮긴 x), 숫자, `pi`, `e`, `+ - * / **`(지수는 절댓값 {exponent} 이하의 "
                 "수)와 `{functions}`(`arcsin` 등도 가능)를 쓸 수 있습니다. 예: `sin(3*x) + 0.5*x`",
    "expr.not_text": "sin(3*x) + 0.5*x 같은 텍스트여야 합니다",
    "expr.too_long": "최대 {limit}자까지 쓸 수 있는데 {length}자입니다",
    "expr.empty": "빈 텍스트 대신 sin(3*x) + 0.5*x 같은 식을 쓰세요",
    "expr.non_printable": "{position}번째 글자에 출력할 수 없는 문자 {char}이(가) 있습니다. 한 줄로 쓰세요",
    "expr.char_not_allowed": "{position}번째 글자 {char}은(는) 쓸 수 없습니다. {hint}",
    "expr.number_then_word": "{position}번째 글자: 숫자 {number} 바로 뒤에 '{word}'이(가) 붙어 있습니다. "
                             "{hint}",
    "expr.syntax": "{where}: 구문 오류({detail}). {hint}",
    "expr.position": "{position}번째 글자",
    "expr.the_end": "식의 끝",
    "expr.problem_at": "{position}번째 글자: {problem}. {hint}",
    "expr.simpler": "더 간단한 식을 쓰세요. {hint}",
    "expr.not_from_parser": "parse_expression으로 만든 식이어야 합니다. {hint}",
    "expr.not_finite": "정의역 전체에서 값이 유한해야 하는데, x = {where:.6g}에서 값이 유한하지 "
                       "않습니다({found}) (예: 음수의 log, 0으로 나누기)",
    "expr.hint_general": "숫자, x, u, pi, e, + - * / ** 와 sin(x) 같은 함수 호출만 쓸 수 있습니다",
    "expr.hint_calls": "{functions} 함수만 인수 하나로 호출할 수 있습니다",
    "expr.hint_names": "이름은 x, u([-1, 1]로 옮긴 x), pi, e만 쓸 수 있습니다",
    "expr.hint_multiply": "3*x처럼 숫자와 이름 사이에 *를 넣으세요",
    "expr.hint_simpler": "더 간단한 식을 쓰세요",
    "expr.hint_call_it": "{name}(x)처럼 호출하세요",
    "expr.hint_exponents": "지수는 -{limit}부터 {limit}까지입니다",
    "expr.hint_exponents_exp": "지수는 -{limit}부터 {limit}까지입니다. e의 거듭제곱은 exp(...)를 쓰세요",
    "expr.nested": "식이 {depth}단계보다 깊게 중첩되어 있습니다",
    "expr.function_without_brackets": "함수 '{name}'을(를) 괄호 없이 썼습니다",
    "expr.unknown_name": "알 수 없는 이름 '{name}'",
    "expr.operator_not_allowed": "{operator}은(는) 쓸 수 없습니다",
    "expr.this_operator": "이 연산자",
    "expr.caret": "'^'(거듭제곱은 **)",
    "expr.value_not_allowed": "{value}은(는) 쓸 수 없습니다",
    "expr.complex": "복소수('j')는 쓸 수 없습니다",
    "expr.string": "문자열은 쓸 수 없습니다",
    "expr.bytes": "바이트열은 쓸 수 없습니다",
    "expr.number_too_large": "수가 너무 큽니다(크기는 최대 {limit:,.0f})",
    "expr.exponent_formula": "'**'의 지수는 식이 아니라 2나 -0.5 같은 수여야 합니다",
    "expr.exponent_too_large": "'**'의 지수가 너무 큽니다(최대 {limit})",
    "expr.only_functions": "함수만 호출할 수 있습니다",
    "expr.cannot_call": "'{name}'은(는) 호출할 수 없습니다",
    "expr.keyword_arguments": "{name}()에는 키워드 인수를 쓸 수 없습니다",
    "expr.no_argument": "{name}()에 인수가 없습니다",
    "expr.extra_argument": "{name}()에 인수가 너무 많습니다",
    "expr.attribute": "속성 접근('.')은 쓸 수 없습니다",
    "expr.subscript": "인덱싱('[...]')은 쓸 수 없습니다",
    "expr.lambda": "lambda는 쓸 수 없습니다",
    "expr.comprehension": "컴프리헨션은 쓸 수 없습니다",
    "expr.if_else": "if-else 식은 쓸 수 없습니다",
    "expr.comparison": "비교는 쓸 수 없습니다",
    "expr.and_or": "'and'와 'or'는 쓸 수 없습니다",
    "expr.walrus": "':='는 쓸 수 없습니다",
    "expr.f_string": "f-문자열은 쓸 수 없습니다",
    "expr.unpacking": "'*' 언패킹은 쓸 수 없습니다",
    "expr.list": "리스트는 쓸 수 없습니다",
    "expr.tuple": "튜플(',')은 쓸 수 없습니다",
    "expr.set": "집합은 쓸 수 없습니다",
    "expr.dict": "딕셔너리는 쓸 수 없습니다",
    "expr.slice": "슬라이스는 쓸 수 없습니다",
    "expr.await": "await는 쓸 수 없습니다",
    "expr.yield": "yield는 쓸 수 없습니다",
    "expr.construct": "{construct}은(는) 쓸 수 없습니다",
    "exports.title": "내려받기",
    "exports.html": "애니메이션 (HTML, 오프라인 재생)",
    "exports.gif": "애니메이션 (GIF)",
    "exports.gif_missing": "GIF는 Chromium으로 그리는데, 이 서버에는 Chromium이 없습니다.",
    "exports.frames_csv": "프레임마다의 계수 (CSV)",
    "exports.loss_csv": "단계마다의 손실 (CSV)",
    "exports.script": "이 실행의 PyTorch 스크립트 (.py)",
    "exports.code": "이 그림 뒤의 코드",
    "page.left_out": "정의역에서 가장 큰 항의 백만분의 일보다 작은 항은 ≈ 0으로 보고 뺐습니다: {terms}.",
    "exports.code_caption": "이 설정 그대로 실행되어 위의 다항식을 출력하는, 튜토리얼 방식의 PyTorch "
                            "스크립트입니다.",
    # 한 단계 들여다보기
    "step.title": "한 단계 들여다보기",
    "step.caption": "이 실행의 어느 단계든 네 부분으로 봅니다. 왼쪽 코드가 실제로 실행되고, "
                    "그래프는 그때 autograd가 기록한 연산 그래프이며, 표에 그 숫자가 있습니다.",
    "step.open": "한 단계의 그래프, 코드, 숫자",
    "step.label": "들여다볼 단계",
    "step.stage_label": "부분",
    "step.help": "0(시작)부터 이 실행의 마지막 단계 {last:,}까지. 링크에는 step=으로 들어갑니다.",
    "step.previous_stage": "◀ 이전 부분",
    "step.next_stage": "다음 부분 ▶",
    "step.next_step": "다음 단계 ▶▶",
    "step.stage.forward": "1 순전파",
    "step.stage.loss": "2 손실",
    "step.stage.backward": "3 역전파",
    "step.stage.update": "4 가중치 갱신",
    "step.graph_not_yet": "아직 계산 전",
    "step.graph_group": "항 {count}개 더, {first} … {last}:\n{nodes}",
    "step.graph_grouped": "가운데 항 {count}개는 같은 모양(AccumulateGrad → MulBackward0 → "
                          "AddBackward0)이 되풀이되어, 점선 상자 하나로 묶어 그렸습니다.",
    "step.replaying": "{step:,}단계까지 실행을 다시 돌리는 중…",
    "step.col.coefficient": "계수 · φₖ",
    "step.col.value": "{step:,}단계의 값",
    "step.col.grad": "변화도 .grad (loss.backward())",
    "step.col.by_hand": "손으로 구한 변화도: 2·Σ(ŷ−y)·φₖ(x)",
    "step.col.by_hand_mean": "손으로 구한 변화도: 2·Σ(ŷ−y)·φₖ(x) / n",
    "step.col.numeric": "중심 차분 변화도 (float64)",
    "step.col.h": "차분 간격 h",
    "step.col.velocity_before": "속도 v (이전)",
    "step.col.velocity_after": "갱신 후 v: β·v + grad",
    "step.col.adam_m_before": "Adam의 m (변화도의 평균, 이전)",
    "step.col.adam_m_after": "갱신 후 m",
    "step.col.adam_v_before": "Adam의 v (변화도² 평균, 이전)",
    "step.col.adam_v_after": "갱신 후 v",
    "step.col.change.gd": "학습률 × 변화도",
    "step.col.change.momentum": "이동량: lr × v",
    "step.col.change.nesterov": "이동량: lr × (grad + β·v)",
    "step.col.change.adam": "Adam의 이동량",
    "step.col.after": "갱신 후 값",
    "step.table_caption": "변화도를 세 가지로 구했습니다: 실행의 dtype으로 autograd가 채운 .grad, "
                          "튜토리얼 NumPy판의 공식, 그리고 중심 차분 (L(w + h·eₖ) − L(w − h·eₖ)) / 2h. "
                          "뒤의 둘은 float64로 {points:,}개 점 모두에서 계산했고 h = {relative}·max(1, "
                          "|값|)입니다.",
    "step.adam_count": "이번 갱신 후 Adam의 단계 수는 {count:,}입니다(편향 보정에 이 수를 씁니다).",
    "step.notebook": "이 단계의 노트북 (.ipynb)",
    "step.notebook_help": "이 설정의 튜토리얼 셀로 이 단계까지 학습한 뒤, 이 단계의 네 부분을 "
                          "이 표를 출력하는 셀로 담았습니다.",
    "step.out_of_range": "step: {value}은(는) 이 실행의 단계가 아닙니다. 0부터 {last:,}(마지막 단계)까지의 "
                         "정수만 쓸 수 있습니다. 0단계를 보여 줍니다.",
    "step.figure.samples": "표본 y",
    "step.figure.prediction": "{step:,}단계의 ŷ",
    "step.figure.errors": "오차 ŷ − y",
    "step.figure.after": "갱신 후 ŷ",
    "step.figure.title_forward": "{step:,}단계, 순전파: 예측값 ŷ",
    "step.figure.title_loss": "{step:,}단계, 손실: 오차 ŷ − y를 제곱해 더합니다",
    "step.figure.title_backward": "{step:,}단계, 역전파: 오차에서 변화도가 나옵니다",
    "step.figure.title_update": "{step:,}단계, 가중치 갱신: 한 단계 뒤의 곡선",
    "step.words.forward": "순전파: {step:,}단계의 계수({coefficients})로 다항식이 {points:,}개 점마다 "
                          "예측값 ŷ를 계산합니다. x = {x}에서 ŷ는 {y_pred}이고, 목표값은 {y}입니다.",
    "step.words.loss_sum": "손실: 제곱 오차 (ŷ − y)²를 {points:,}개 점에 걸쳐 더하면 {loss}입니다. "
                           "그림의 가는 선이 오차 ŷ − y입니다.",
    "step.words.loss_mean": "손실: 제곱 오차 (ŷ − y)²를 {points:,}개 점에 걸쳐 평균하면 {loss}입니다. "
                            "그림의 가는 선이 오차 ŷ − y입니다.",
    "step.words.backward_grows": "역전파: loss.backward()가 손실에서 그래프를 거꾸로 따라가며 모든 계수의 "
                                 ".grad를 채웁니다. {name}.grad = {grad}: {name}이(가) 커지면 손실이 "
                                 "커집니다.",
    "step.words.backward_falls": "역전파: loss.backward()가 손실에서 그래프를 거꾸로 따라가며 모든 계수의 "
                                 ".grad를 채웁니다. {name}.grad = {grad}: {name}이(가) 커지면 손실이 "
                                 "작아집니다.",
    "step.words.backward_flat": "역전파: loss.backward()가 손실에서 그래프를 거꾸로 따라가며 모든 계수의 "
                                ".grad를 채웁니다. {name}.grad = {grad}: 여기서는 {name}이(가) 변해도 손실이 "
                                "그대로입니다.",
    "step.words.plain_lowers": "그래서 갱신은 {name}을(를) 줄입니다.",
    "step.words.plain_raises": "그래서 갱신은 {name}을(를) 키웁니다.",
    "step.words.state_lowers": "옵티마이저의 상태까지 담은 이번 갱신은 {name}을(를) 줄입니다.",
    "step.words.state_raises": "옵티마이저의 상태까지 담은 이번 갱신은 {name}을(를) 키웁니다.",
    "step.words.update_gd": "가중치 갱신: 각 계수가 변화도의 반대로 학습률 × 변화도만큼 움직입니다: "
                            "{name} ← {before} − {lr} × ({grad}) = {after}.",
    "step.words.update_momentum": "가중치 갱신(모멘텀): 속도가 변화도를 모읍니다. v ← β·v + grad = "
                                  "{beta} × ({v_before}) + ({grad}) = {v_after}. 계수는 lr × v만큼 "
                                  "움직입니다: {name} ← {before} − {lr} × ({v_after}) = {after}.",
    "step.words.update_nesterov": "가중치 갱신(네스테로프): v ← β·v + grad = {v_after}. 계수는 v 방향으로 "
                                  "앞을 내다보며 lr × (grad + β·v)만큼 움직입니다: {name} ← {before} − "
                                  "{lr} × (({grad}) + {beta} × ({v_after})) = {after}.",
    "step.words.update_adam": "가중치 갱신(Adam): Adam은 변화도(m)와 그 제곱(v)의 이동 평균을 두고, "
                              "변화도의 크기와 상관없이 각 계수를 대략 lr × m / √v만큼 움직입니다: "
                              "{name} ← {before} − ({change}) = {after}.",
    "step.words.loss_falls": "손실이 {before}에서 {after}(으)로 줄어듭니다.",
    "step.words.loss_rises": "손실이 {before}에서 {after}(으)로 커집니다: 이 단계는 너무 멀리 갑니다.",
    "step.words.last": "실행은 이 단계에서 멈췄습니다: 이 갱신은 다음에 할 갱신입니다.",
    "taylor.no_series": "{target}은(는) x = {centre} 근처에서 테일러 급수가 없습니다: {reason}.",
    "taylor.reason_jump": "그 점에서 값이 뛰어오릅니다",
    "taylor.cut": "이 목표 함수에 autograd를 거듭 적용한 도함수는 차수마다 커져서 {degree}계를 넘는 "
                  "도함수는 여기서 너무 오래 걸립니다: 그린 테일러 다항식은 {wanted}차가 아니라 "
                  "{degree}차입니다.",
    "taylor.reason_kink": "그 점에서 {order}계 도함수가 뛰어오릅니다",
    "taylor.reason_infinite": "그 점에서 {order}계 도함수가 유한하지 않습니다",
    "allowed.switch": "0(끔) 또는 1(켬)만 쓸 수 있습니다",
    "allowed.plane": "{planes} 또는 작은 번호를 앞에 쓴 두 계수(c0-c1 … c14-c{degree})만 쓸 수 있습니다",
    "why.title": "왜 수렴하는가, 또는 왜 수렴하지 않는가",
    "why.caption": "이 손실에서 경사하강법은 헤시안 H의 고유방향마다 따로 움직입니다: 기본 경사하강법에서 "
                   "방향 i의 오차는 한 단계에 |1 − lr·λᵢ|배가 됩니다(모멘텀과 네스테로프는 2×2 행렬의 "
                   "비율). 가장 큰 고유값이 안정한 학습률을, 가장 작은 고유값이 속도를 정합니다.",
    "why.open": "고유모드, 손실 지형, 계수의 경로",
    "why.tab.modes": "고유모드",
    "why.tab.landscape": "손실 지형",
    "why.tab.paths": "계수의 경로",
    "modes.title": "고유방향마다의 오차",
    "modes.mode": "모드 {number} (λ = {eigenvalue})",
    "modes.predicted_of": "모드 {number}, 예측",
    "modes.predicted": "점선: 예측",
    "modes.axis_step": "단계 (로그 눈금, 1단계부터)",
    "modes.axis_error": "|모드 방향의 오차|",
    "modes.spectrum_title": "모드마다의 lr·λ",
    "modes.axis_mode": "모드 (1 = 가장 작은 λ)",
    "modes.axis_lr_lambda": "lr·λ",
    "modes.lr_lambda": "lr·λ",
    "modes.limit": "{limit} 아래에서 안정",
    "modes.words.condition": "헤시안의 고유값은 {low}부터 {high}까지입니다: 조건수 λ_max/λ_min은 "
                             "{kappa}입니다.",
    "modes.words.limit": "lr·λ_max는 {h}입니다. 이 최적화 방법은 이 값이 {limit}보다 작을 때 안정하므로, "
                         "가장 큰 안정한 학습률은 {stable_lr}입니다(이 실행의 학습률: {lr}).",
    "modes.words.growing": "모드 {number}은(는) 한 단계에 ×{rate}배로 커집니다: lr·λ = {h}이(가) "
                           "{limit}을(를) 넘습니다. 이 실행을 발산시키는 모드입니다.",
    "modes.words.slowest_enough": "가장 느린 모드는 모드 {number}입니다: 한 단계에 ×{rate}배로 줄어들므로 "
                                  "100분의 1로 줄어드는 데 약 {needed}단계가 필요합니다. 이 실행은 "
                                  "{steps}단계입니다.",
    "modes.words.slowest_short": "가장 느린 모드는 모드 {number}입니다: 한 단계에 ×{rate}배로 줄어들므로 "
                                 "100분의 1로 줄어드는 데 약 {needed}단계가 필요한데, 이 실행은 "
                                 "{steps}단계뿐입니다: 기어갑니다.",
    "modes.words.adam": "Adam은 각 계수의 걸음을 그 계수의 최근 변화도 크기로 나누므로, 걸음이 오차의 "
                        "고정된 선형 사상이 아닙니다: 예측할 비율이 없어 측정한 선만 그립니다.",
    "modes.caption": "실선: 이 실행의 계수를 H의 각 고유벡터에 사영한 값. 점선: 최적화 방법의 반복 행렬이 "
                     "처음부터 예측하는 값, 곧 (Mᵗ)₀₀ 곱하기 처음 오차이며, 기본 경사하강법에서는 |1 − "
                     "lr·λ|ᵗ입니다. 실선이 점선을 벗어나면 실행의 수 자료형의 반올림에 닿은 것입니다: 아주 "
                     "작은 오차의 반올림이거나, 다른 모드의 아주 큰 오차의 반올림입니다.",
    "landscape.title": "최적점을 지나는 평면 위의 손실",
    "landscape.plane_label": "평면",
    "landscape.plane.slowest": "가장 평평한 두 방향, 가장 작은 λ(긴 골짜기)",
    "landscape.plane.extremes": "가장 평평한 방향과 가장 가파른 방향, 가장 작은 λ와 가장 큰 λ",
    "landscape.plane.coefficients": "계수 {first}와(과) {second} ({first_term}와(과) {second_term}의 계수)",
    "landscape.axis_mode_slowest": "모드 {number}, 가장 평평함 (λ = {eigenvalue})",
    "landscape.axis_mode_fastest": "모드 {number}, 가장 가파름 (λ = {eigenvalue})",
    "landscape.axis_mode_other": "모드 {number} (λ = {eigenvalue})",
    "landscape.axis_coefficient": "계수 {name} − 최적값",
    "landscape.colour_bar": "최선보다 높은 손실",
    "landscape.loss": "최선보다 높은 손실",
    "landscape.path": "실행의 경로",
    "landscape.optimum": "최적점",
    "landscape.now": "이 단계",
    "landscape.hover": "단계 %{{text}}<extra></extra>",
    "landscape.no_such_plane": "plane={plane}은(는) {degree}차 실행에 없는 계수를 가리킵니다: {default} "
                               "평면을 그립니다.",
    "landscape.whole_space": "1차에서는 평면이 공간 전체입니다: 경로의 모든 점에서 등고선의 값이 실행의 "
                             "손실입니다.",
    "landscape.projected": "등고선은 다른 모든 방향을 최적값에 둔 손실이며, 경로는 평면에 사영한 것입니다. "
                           "평면 밖 방향의 손실은 0단계에서 실행의 손실 {start} 가운데 {off_start}, 마지막 "
                           "단계에서 {last} 가운데 {off_last}입니다.",
    "paths.title_power": "x의 거듭제곱 계수 하나하나의 단계별 값",
    "paths.title_basis": "이 실행의 기저({basis}) 계수 하나하나의 단계별 값",
    "paths.run": "실행",
    "paths.optimum": "최적값",
    "paths.caption": "로그 단계 축, 1단계부터. 작은 그림마다 눈금이 따로입니다: 계수의 크기가 자릿수로 "
                     "다릅니다.",
    "chart.extrapolated_undefined": "학습 구간(음영) 밖에서는 목표 함수가 정의되지 않아 오차를 말할 수 "
                                    "없습니다. 안에서 최종 적합의 평균제곱오차는 {inside}입니다.",
    "modes.words.condition_unresolved": "헤시안의 고유값은 {low}부터 {high}까지입니다: 가장 작은 값이 가장 "
                                        "큰 값의 float64 반올림보다 작아서, 조건수 λ_max/λ_min은 "
                                        "{bound}보다 크다는 것만 알 수 있고 가장 느린 모드의 속도는 반올림 "
                                        "잡음입니다.",
    "modes.caption_closed_form": "20,000단계가 넘는 이 실행은 같은 반복 행렬로 정확한 닫힌 형식이 "
                                 "계산했습니다: 실선은 만들어진 방식 그대로 점선과 같습니다. 20,000단계 "
                                 "이하이면(또는 엔진을 autograd로 두면) 실선은 autograd가 학습한 계수 "
                                 "그대로입니다.",
    "landscape.projected_coefficients": "등고선은 다른 모든 계수를 최적값에 둔 손실이며, 경로는 평면에 "
                                        "사영한 것입니다: 계수들은 손실의 서로 독립인 방향이 아니므로, "
                                        "그곳에서 경로 자신의 손실은 등고선의 값과 다릅니다.",
    "allowed.pin": "쉼표로 구분한 이름:값 쌍만 쓸 수 있으며, 이름은 한 번씩, {names} 가운데 하나입니다",
    "allowed.pin_length": "최대 {most}자까지만 쓸 수 있습니다",
    "pins.bad": "고정 {number}({pin})은(는) 빠졌습니다: {error}",
    "pins.repeat": "고정 {number}({pin})은(는) 빠졌습니다: 현재 실행이거나 이미 고정한 실행입니다.",
    "pins.too_many": "고정할 수 있는 실행은 최대 {most}개입니다: 링크의 마지막 고정 {count}개는 빠졌습니다.",
    "pin.short.optimizer.gd": "기본 경사하강법",
    "pin.short.optimizer.momentum": "모멘텀",
    "pin.short.optimizer.nesterov": "네스테로프",
    "pin.short.optimizer.adam": "Adam",
    "pin.short.basis.power": "x의 거듭제곱",
    "pin.short.basis.scaled": "조정한 거듭제곱",
    "pin.short.basis.legendre": "르장드르",
    "pin.short.loss.sum": "합 손실",
    "pin.short.loss.mean": "평균 손실",
    "pin.diverged": "{label} ({step}단계에서 발산)",
    "pin.table.run": "실행",
    "pin.table.final_loss": "최종 손실",
    "pin.table.gap": "최선과의 차이, %",
    "pin.table.converged": "1% 안에 든 단계",
    "pin.table.condition": "조건수",
    "pin.table.stable_lr": "가장 큰 안정한 학습률",
    "pin.table.time": "시간",
    "pin.table.diverged": "{step}단계에서 발산",
    "pin.table.not_yet": "아직",
    "pin.title": "실행 비교",
    "pin.pin": "이 실행 고정",
    "pin.pin_help": "이 실행을 다음 실행들 옆에 차트에 남겨 둡니다(최대 {most}개). 링크에서는 pin=.",
    "pin.unpin": "✕ {label}",
    "pin.this_run": "이 실행",
    "pin.notice": "{label}: {notice}",
    "pin.hint": "이 실행을 고정한 뒤 슬라이더를 움직이면 두 실행을 함께 그리고 표로 비교합니다.",
    "pin.csv": "표 내려받기(CSV)",
    "pin.table.time_by": "{time} ({method})",
    "comparison.label": "준비된 비교",
    "comparison.placeholder": "— 비교를 고르세요 —",
    "comparison.help": "이 실행을 정하고 비교할 실행들을 고정합니다. 링크에는 다른 고정과 똑같이 들어갑니다.",
    "comparison.degree-3-vs-4.name": "같은 걸음, 3차와 4차",
    "comparison.degree-3-vs-4.shows": "같은 학습률 1e-6에서 3차는 천천히 수렴하고 4차는 31단계에서 "
                                      "발산합니다. x⁴ 항 때문에 λ_max가 7.7배 커져서 1e-6 × λ_max가 안정 "
                                      "한계 2를 넘습니다.",
    "comparison.power-vs-legendre.name": "x의 거듭제곱과 르장드르, 각자 가장 좋은 학습률로",
    "comparison.power-vs-legendre.shows": "각자 가장 큰 안정한 학습률 2/λ_max의 99%로: x의 거듭제곱은 "
                                          "3.5e-6, 르장드르는 4.9e-4이며, 르장드르의 λ_max가 약 140배 "
                                          "작습니다(한 학습률을 함께 쓰면 한쪽은 불안정하거나 다른 쪽은 "
                                          "기어갑니다). 르장드르는 134단계에서, x의 거듭제곱은 868단계에서 "
                                          "최선의 1% 안에 듭니다.",
    "comparison.optimizers.name": "기본 경사하강법, 모멘텀, 네스테로프, Adam",
    "comparison.optimizers.shows": "튜토리얼의 학습률로 2,000단계 뒤 기본 경사하강법은 아직 최선보다 39% "
                                   "높습니다. 모멘텀은 255단계에서, 네스테로프는 260단계에서, Adam(lr "
                                   "0.01)은 1,792단계에서 1% 안에 듭니다.",
    "comparison.sum-vs-mean.name": "합 손실과 평균 손실(학습률이 n배 달라져야 하는 까닭)",
    "comparison.sum-vs-mean.shows": "평균 손실은 합을 n = 2,000으로 나눈 것이고 변화도도 그렇습니다: "
                                    "학습률을 2,000배(2e-3)로 하면 평균 실행은 합 실행과 똑같은 걸음을 "
                                    "걷고, 손실은 모든 단계에서 합의 2,000분의 1입니다.",
    "sidebar.predict": "예측한 뒤 공개",
    "sidebar.predict_help": "새 실행의 결과를 숨겨 두고(시작만 그립니다) 예측한 뒤 공개를 누르면 보여 "
                            "줍니다. 링크에서는 predict=1.",
    "predict.title": "이 실행은 어떻게 될까요?",
    "predict.caption": "시작만 그렸습니다: 목표 함수, 최적 다항식, 시작 다항식. 예측한 뒤 실행을 공개하세요.",
    "predict.kind": "이 실행은 …",
    "predict.kind.converges": "수렴합니다(최선의 1% 안)",
    "predict.kind.crawls": "기어갑니다(단계 안에 1%에 들지 못함)",
    "predict.kind.diverges": "발산합니다",
    "predict.within": "… 이만큼의 단계 안에",
    "predict.reveal": "공개",
    "predict.said.converges": "{within}단계 안에 수렴한다",
    "predict.said.crawls": "기어간다",
    "predict.said.diverges": "{within}단계 안에 발산한다",
    "predict.did.converges": "실제로 {step}단계에서 최선의 1% 안에 들었습니다",
    "predict.did.crawls": "실제로 기어갑니다: 단계 안에 1%에 들지 못합니다(약 {step}단계가 필요)",
    "predict.did.diverges": "실제로 {step}단계에서 발산했습니다",
    "predict.right": "{said}고 했고, {did}: 맞았습니다.",
    "predict.right_kind": "{said}고 했고, {did}: 무엇을 할지는 맞았지만 언제인지는 틀렸습니다.",
    "predict.wrong": "{said}고 했지만, {did}.",
    "pin.table.outcome": "결과",
    "pin.table.converged_yes": "수렴",
    "predict.did.crawls_unknown": "실제로 기어갑니다: 단계 안에 1%에 들지 못합니다",
    "pin.cut_short": "{label}: 고정한 실행들의 시간 몫을 넘어 {step}단계에서 멈췄습니다.",
    "data.no_points": "점이 하나도 없습니다.",
    "data.empty": "파일이 비어 있습니다: 점이 담긴 줄이 없습니다. 0.5, 1.2처럼 x와 y 두 열이 필요합니다.",
    "data.too_many": "점 {count:,}개는 허용되는 {most:,}개보다 많습니다.",
    "data.not_finite": "모든 x와 y는 유한한 수여야 합니다(NaN이나 무한대는 안 됩니다).",
    "data.too_big": "모든 x와 y의 크기는 {most} 이하여야 합니다.",
    "data.too_few": "점 {count}개는 너무 적습니다: 적어도 {least}개가 필요합니다.",
    "data.same_x": "모든 점의 x가 {x}입니다: x의 다항식에는 서로 다른 x가 적어도 두 개 필요합니다.",
    "data.too_large": "파일이 읽을 수 있는 최대 크기인 {most} MB를 넘습니다.",
    "data.binary": "텍스트 파일이 아닙니다({at:,}번째 바이트가 텍스트가 아닙니다): x와 y 두 열로 된 CSV나 "
                   "텍스트 파일을 올리세요.",
    "data.columns": "{line}번째 줄: 열이 {count}개입니다. x와 y 두 열이 필요합니다.",
    "data.cell_not_finite": "{line}번째 줄: {cell}은(는) 유한한 수가 아닙니다(NaN과 무한대는 쓸 수 "
                            "없습니다).",
    "data.not_a_number": "{line}번째 줄: {cell}은(는) 수가 아닙니다.",
    "data.cell_too_big": "{line}번째 줄: {cell}은(는) 크기가 {most}보다 큽니다.",
    "data.unreadable": "{line}번째 줄: 너무 길어서 읽을 수 없는 칸이 있습니다.",
    "allowed.data": "페이지가 링크에 쓰는 형식의 점들만 쓸 수 있습니다",
    "allowed.data_missing": "맞출 점이 필요합니다: 파일을 올리거나 붙여 넣으세요(링크에는 최대 200개까지 "
                            "담깁니다)",
    "allowed.data_base64": "페이지가 링크에 쓰는 형식의 점들만 쓸 수 있습니다. 이 텍스트는 "
                           "손상되었습니다(base64url이 아닙니다: 링크를 복사할 때 잘렸을 수 있습니다)",
    "allowed.data_version": "페이지가 링크에 쓰는 형식(버전 {version})의 점들만 쓸 수 있습니다. 이 "
                            "텍스트는 다른 버전이거나 손상되었습니다",
    "allowed.data_zlib": "페이지가 링크에 쓰는 형식의 점들만 쓸 수 있습니다. 이 텍스트는 "
                         "손상되었습니다(압축된 부분이 풀리지 않습니다)",
    "allowed.data_length": "페이지가 링크에 쓰는 형식의 점들만 쓸 수 있습니다. 이 텍스트는 "
                           "손상되었습니다(일부가 빠졌거나 남습니다)",
    "allowed.data_points": "맞출 수 있는 점들만 쓸 수 있습니다. 이 점들은 맞출 수 없습니다: {problem}",
    "allowed.holdout": "0부터 {high:g}까지의 비율만 쓸 수 있습니다",
    "allowed.holdout_for_points": "점 {count}개 가운데 학습할 점이 적어도 2개 남는 비율만 쓸 수 있습니다",
    "allowed.degree_for_points": "1부터 {most}까지의 차수만 쓸 수 있습니다: 학습할 점 {points}개로는 "
                                 "{most}차 다항식까지 맞출 수 있습니다",
    "query.degree_for_points": "{error} 차수 {degree}을(를) 씁니다.",
    "query.default_holdout": "{error} 아무 점도 떼어 두지 않습니다.",
    "query.default_target_data": "{error} 기본 목표 함수를 씁니다.",
    "choice.target.data": "내 점들(아래)",
    "label.data_file": "내 점들: CSV나 텍스트 파일",
    "label.data_text": "… 또는 여기에 붙여 넣으세요. 한 줄에 x, y 하나씩",
    "label.holdout": "점들 가운데 이 비율을 검증용으로 떼어 두기",
    "holdout.help": "기본값은 0(끔)입니다. 시드로 뽑은 일부 점을 학습에서 빼 두고, 실행이 한 번도 보지 "
                    "못한 그 점들에서 잰 손실을 검증 손실로 보여 줍니다.",
    "data.help": "x와 y 두 열을 쉼표, 세미콜론, 탭이나 공백으로 나눕니다(세미콜론이면 Excel처럼 소수점 "
                 "쉼표도 됩니다). 머리글 줄, 빈 줄, # 주석은 건너뜁니다. 파일은 8 MB까지, 점은 2개부터 "
                 "100,000개까지, 각 수의 크기는 1,000,000 이하이며 32비트 부동소수점(유효숫자 약 "
                 "7자리)으로 보관합니다. 200개까지는 링크에 담깁니다.",
    "data.text_placeholder": "x, y\n0, 0.1\n0.5, 0.52\n1, 0.83",
    "data.apply": "이 점들 쓰기",
    "sidebar.data_prompt": "목표 함수 아래(고급 설정)에서 파일을 올리거나 점들을 붙여 넣으세요. 그동안은 "
                           "{default}에 맞춥니다.",
    "sidebar.data_prompt_lecture": "목표로 내 점들을 골랐지만 불러온 점이 없습니다: 강의 모드를 끄고 고급 "
                                   "설정에서 올리거나 붙여 넣으세요. 그동안은 {default}에 맞춥니다.",
    "data.source_paste": "붙여 넣은 텍스트",
    "data.loaded": "{source}: 점 {count:,}개, x는 {xmin:g}부터 {xmax:g}까지. 이 점들에 맞춥니다.",
    "data.rejected": "{source}은(는) 쓰지 않았습니다: {error} 이전 목표 함수를 그대로 씁니다.",
    "data.needs_degree": "{degree}차에는 학습할 점이 적어도 {needed}개 필요한데 {count}개뿐입니다. 먼저 "
                         "차수를 낮추거나 점을 더하세요.",
    "data.not_in_link": "링크에는 내 점 {count:,}개가 담기지 않습니다(최대 {most}개). 이 실행을 나누려면 "
                        "아래 내려받기의 “내 점들(CSV)” 파일을 링크와 함께 보내세요.",
    "data.held_out": "내 점 {count:,}개 가운데 {held:,}개({percent})를 시드 {seed}(으)로 뽑아 떼어 "
                     "두었습니다: 나머지 {trained:,}개로 학습하고, 검증 손실은 한 번도 보지 못한 점들에서 "
                     "잰 손실입니다.",
    "data.raw_x": "x가 {xmin:g}부터 {xmax:g}까지인데, 거기서 x의 거듭제곱 특성 1, x, …, {power}는 "
                  "크기가 약 {spread}배 차이 납니다: 손실의 조건수는 {kappa}입니다. 어떤 학습률 하나도 "
                  "모든 방향에 맞지 않습니다. 고급 설정에서 기저를 “scaled”나 “Legendre”로 고르세요: 둘 "
                  "다 x를 [-1, 1]로 옮깁니다.",
    "data.no_taylor": "내 점들에는 식이 없어서 그릴 테일러 다항식이 없습니다.",
    "data.no_extrapolation_error": "내 점들은 자기 x 범위 밖에 대해서는 아무것도 말해 주지 않습니다: 넓은 "
                                   "보기는 다항식이 거기서 어디로 가는지 보여 줄 뿐, 비교할 것이 없습니다.",
    "figure.points": "내 점들",
    "figure.held_out_points": "떼어 둔 점들",
    "figure.your_points": "내 점들",
    "metric.held_out_help_data": "떼어 둔 점들, 곧 실행이 한 번도 학습하지 않은 점들에서 잰 손실입니다.",
    "metric.held_out_none_help": "떼어 둔 점이 없습니다: 고급 설정(검증용으로 떼어 두기)에서 비율을 "
                                 "고르세요.",
    "exports.data_csv": "내 점들(CSV)",
    "data.one_column": "{line}번째 줄: 열이 하나뿐입니다. x와 y 두 열이 필요합니다.",
    "data.not_utf8": "파일의 {at:,}번째 바이트가 UTF-8 텍스트가 아닙니다: UTF-8로(Excel에서는 CSV "
                     "UTF-8로) 저장해서 다시 올리세요.",
    "query.data_missing": "target=data는 내 점들을 쓰라는 뜻인데 링크에 점이 없습니다(data=가 없습니다. "
                          "링크에는 점이 최대 {most}개까지 담기고, 그보다 많으면 파일로 나눕니다). 기본 "
                          "목표 함수를 씁니다.",
    "page.use_basis": "{basis} 쓰기",
    "label.data": "내 점들",
    "pin.short.points": "점 {count:,}개",
    "data.held_out_scaled": "떼어 둔 점이 더 적으므로 그 제곱합에 {trained:,}/{held:,}을(를) 곱해 학습의 "
                            "합과 견줄 수 있게 합니다.",
    "data.kept": "내 점 {count:,}개는 그대로 있습니다: 다시 맞추려면 목표 함수로 “내 점들(아래)”을 "
                 "고르세요.",
    "data.needs_degree_holdout": "{degree}차에는 학습할 점이 적어도 {needed}개 필요한데, {held}개를 떼어 "
                                 "두면 {count}개가 남습니다. 먼저 차수나 떼어 둘 비율을 낮추거나 점을 "
                                 "더하세요.",
    "data.header_only": "{line}번째 줄: {cell}은(는) 단어로 된 머리글로 읽히는데, 그 뒤에 점이 없습니다: "
                        "x와 y 두 열의 수가 필요합니다.",
}

TABLES: dict[str, dict[str, str]] = {"en": EN, "ko": KO}


def text(lang: str, key: str, /, **values: Any) -> str:
    """The table's text for `key` in `lang`, with its {blanks} filled; KeyError for an unknown key or
    language."""
    return TABLES[lang][key].format(**values)


class Phrase(str):
    """Text from the table that can be said again in another language; as a str it is the English text.

    Phrase("allowed.whole_number", low=1, high=15) == "a whole number from 1 to 15", and
    .in_("ko") == "1부터 15까지의 정수".
    """

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, /, **values: Any) -> "Phrase":
        phrase = super().__new__(cls, text("en", key, **values))
        phrase.key, phrase.values = key, values
        return phrase

    def in_(self, lang: str) -> str:
        """This phrase in `lang`, every value that is a Phrase said in `lang` too."""
        return text(lang, self.key, **{name: say(lang, value) for name, value in self.values.items()})

    # pickling (Streamlit's cache) and copying
    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:
        return (self.key,), self.values


def say(lang: str, message: Any) -> Any:
    """A message in `lang`: a Phrase is said again in it; anything else (a number, a formula) is left as
    it is."""
    return message.in_(lang) if isinstance(message, Phrase) else message
