// Score tables (table.score-sheet): totals, differences with the unit's own points, keyboard and paste.
// The page works without this script: the server counts the same totals when the form is saved.
(function () {
  "use strict";

  // Points as the server takes them: "8,5" or "8.5" → 8.5, at most two decimals; "" → null; else NaN.
  function parse(text) {
    var value = (text || "").replace(/\s/g, "").replace(",", ".");
    if (value === "") return null;
    return /^\d+(\.\d{1,2})?$/.test(value) ? Number(value) : NaN;
  }

  function setup(table) {
    // A locked sheet shows the server's points as text: nothing to count again, nothing to type in.
    if (!table.querySelector("input[data-column=points]")) return;
    var separator = table.dataset.decimalSeparator || ",";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);

    function format(number, signed) {
      var text = Math.abs(number).toFixed(2).replace(".", separator);
      if (number < 0) return "-" + text;
      return signed && number > 0 ? "+" + text : text;
    }

    // The table's parts ("id:maximum:parent:depth"): a part scores its lines' sum, at most its maximum.
    var parts = {};
    (table.dataset.parts || "").split(" ").forEach(function (spec) {
      if (!spec) return;
      var bits = spec.split(":");
      parts[bits[0]] = { max: Number(bits[1]), parent: bits[2], depth: Number(bits[3]) };
    });
    var deepestFirst = Object.keys(parts).sort(function (a, b) { return parts[b].depth - parts[a].depth; });

    // Sums each line into its part, caps the parts from the deepest up, and adds the top ones to their kind.
    function capped(lines) {
      var totals = { regular: 0, bonus: 0, deduction: 0 };
      var sums = {};
      function add(part, kind, value) {
        if (part && parts[part]) {
          sums[part] = sums[part] || { kind: kind, value: 0 };
          sums[part].value += value;
        } else {
          totals[kind] += value;
        }
      }
      lines.forEach(function (line) { add(line.part, line.kind, line.value); });
      deepestFirst.forEach(function (part) {
        if (sums[part]) add(parts[part].parent, sums[part].kind, Math.min(sums[part].value, parts[part].max));
      });
      totals.final = totals.regular + totals.bonus - totals.deduction;
      return totals;
    }

    function recompute() {
      var given = [];
      var owned = [];
      var hasOwn = false;
      rows.forEach(function (row) {
        var input = row.querySelector("[data-column=points]");
        if (!input) return;
        var kind = input.dataset.kind in { regular: 1, bonus: 1, deduction: 1 } ? input.dataset.kind : "regular";
        var part = input.dataset.part || "";
        var computed = input.tagName !== "INPUT";
        var value = parse(computed ? input.dataset.value : input.value);
        var max = parse(input.dataset.max);
        var valid = computed || value === null || (!isNaN(value) && value <= max);
        if (!computed) input.classList.toggle("is-invalid", !valid);
        if (valid && value !== null && !isNaN(value)) given.push({ kind: kind, part: part, value: value });
        var selfCell = row.querySelector("[data-self]");
        var selfValue = selfCell ? parse(selfCell.dataset.self) : null;
        if (selfValue !== null && !isNaN(selfValue)) {
          owned.push({ kind: kind, part: part, value: selfValue });
          hasOwn = true;
        }
        var difference = row.querySelector(".line-difference");
        if (difference) {
          var known = valid && value !== null && selfValue !== null && !isNaN(selfValue);
          difference.textContent = known ? format(value - selfValue, true) : "—";
        }
      });
      var totals = capped(given);
      var own = capped(owned);
      Object.keys(totals).forEach(function (key) {
        var cell = table.querySelector("[data-total=" + key + "]");
        if (cell) cell.textContent = format(totals[key]);
        var difference = table.querySelector("[data-total-difference=" + key + "]");
        if (difference) difference.textContent = hasOwn ? format(totals[key] - own[key], true) : "—";
      });
    }

    // The boxes in the order Tab walks them: down the first column, then down the next.
    function columns() {
      var names = [];
      // Boxes only: a line computed on the server shows its points in a span the keyboard skips.
      var boxes = "input[data-column], textarea[data-column], select[data-column]";
      var fields = table.querySelectorAll("tbody " + boxes.replace(/, /g, ", tbody "));
      Array.prototype.forEach.call(fields, function (field) {
        if (names.indexOf(field.dataset.column) === -1) names.push(field.dataset.column);
      });
      var order = [];
      names.forEach(function (name) {
        rows.forEach(function (row) {
          var field = row.querySelector(boxes.replace(/\[data-column\]/g, "[data-column=" + name + "]"));
          if (field) order.push(field);
        });
      });
      return order;
    }

    function move(field, step, sameColumn) {
      var order = columns().filter(function (other) {
        return !sameColumn || other.dataset.column === field.dataset.column;
      });
      var next = order[order.indexOf(field) + step];
      if (next) {
        next.focus();
        if (next.select && next.type !== "file") next.select();
      }
      return Boolean(next);
    }

    table.addEventListener("keydown", function (event) {
      var field = event.target;
      if (!field.dataset || !field.dataset.column || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "Enter" && field.tagName === "INPUT" && field.type !== "file") {
        event.preventDefault(); // Enter moves down the column instead of sending the form
        move(field, event.shiftKey ? -1 : 1, true);
      } else if (event.key === "Tab" && move(field, event.shiftKey ? -1 : 1, false)) {
        event.preventDefault();
      }
    });

    // A column copied from Excel fills this box and the ones below it.
    table.addEventListener("paste", function (event) {
      var field = event.target;
      if (!field.dataset || field.dataset.column !== "points") return;
      var text = (event.clipboardData || window.clipboardData).getData("text");
      if (!/[\r\n\t]/.test(text.replace(/[\r\n]+$/, ""))) return;
      event.preventDefault();
      var values = text.replace(/\r/g, "").replace(/\n+$/, "").split("\n").map(function (line) {
        return line.split("\t")[0].trim().replace(/[.,]/, separator);
      });
      var order = columns().filter(function (other) {
        return other.dataset.column === "points";
      });
      var start = order.indexOf(field);
      values.forEach(function (value, index) {
        if (order[start + index]) order[start + index].value = value;
      });
      var last = order[Math.min(start + values.length, order.length) - 1];
      if (last) last.focus();
      recompute();
    });

    table.addEventListener("input", recompute);
    recompute();
  }

  document.querySelectorAll("table.score-sheet").forEach(setup);
})();
