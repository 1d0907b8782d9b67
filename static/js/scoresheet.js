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

    function recompute() {
      var totals = { regular: 0, bonus: 0, deduction: 0 };
      var own = { regular: 0, bonus: 0, deduction: 0 };
      var hasOwn = false;
      rows.forEach(function (row) {
        var input = row.querySelector("input[data-column=points]");
        if (!input) return;
        var kind = input.dataset.kind in totals ? input.dataset.kind : "regular";
        var value = parse(input.value);
        var max = parse(input.dataset.max);
        var valid = value === null || (!isNaN(value) && value <= max);
        input.classList.toggle("is-invalid", !valid);
        if (valid && value !== null) totals[kind] += value;
        var selfCell = row.querySelector("[data-self]");
        var selfValue = selfCell ? parse(selfCell.dataset.self) : null;
        if (selfValue !== null && !isNaN(selfValue)) {
          own[kind] += selfValue;
          hasOwn = true;
        }
        var difference = row.querySelector(".line-difference");
        if (difference) {
          var known = valid && value !== null && selfValue !== null && !isNaN(selfValue);
          difference.textContent = known ? format(value - selfValue, true) : "—";
        }
      });
      totals.final = totals.regular + totals.bonus - totals.deduction;
      own.final = own.regular + own.bonus - own.deduction;
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
      var fields = table.querySelectorAll("tbody [data-column]");
      Array.prototype.forEach.call(fields, function (field) {
        if (names.indexOf(field.dataset.column) === -1) names.push(field.dataset.column);
      });
      var order = [];
      names.forEach(function (name) {
        rows.forEach(function (row) {
          var field = row.querySelector("[data-column=" + name + "]");
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
