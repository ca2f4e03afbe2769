/* Record a testimony in the browser (MediaRecorder), then put the recording
   into the form's file input, so the same form sends it. Without this script,
   or on a browser that cannot record, the file input alone works. */
(function () {
  "use strict";
  var box = document.querySelector("[data-recorder]");
  var input = document.querySelector("[data-recorder-input]");
  if (!box || !input) return;
  if (!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.DataTransfer)) return;

  var MAX_SECONDS = 15 * 60;
  var start = box.querySelector("[data-recorder-start]");
  var stop = box.querySelector("[data-recorder-stop]");
  var again = box.querySelector("[data-recorder-again]");
  var timer = box.querySelector("[data-recorder-timer]");
  var time = box.querySelector("[data-recorder-time]");
  var review = box.querySelector("[data-recorder-review]");
  var audio = box.querySelector("[data-recorder-audio]");
  var status = box.querySelector("[data-recorder-status]");
  var recorder = null, stream = null, chunks = [], seconds = 0, ticking = null, url = null;

  var TYPES = [
    ["audio/webm;codecs=opus", "webm"],
    ["audio/ogg;codecs=opus", "ogg"],
    ["audio/mp4", "m4a"],
    ["audio/webm", "webm"]
  ];
  var chosen = TYPES.filter(function (t) { return MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(t[0]); })[0];

  // Messages come translated from the page (data-msg-* on the recorder box).
  function say(name, duration) {
    status.textContent = (box.dataset[name] || "").replace("{duration}", duration || "");
  }
  function clock(total) {
    var m = Math.floor(total / 60), s = total % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  function spoken(total) {
    var m = Math.floor(total / 60), s = total % 60;
    return (m ? m + " min " : "") + s + " s";
  }
  function show(el, on) { el.hidden = !on; }
  function release() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    clearInterval(ticking);
  }

  box.hidden = false;

  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (s) {
      stream = s;
      chunks = [];
      recorder = chosen ? new MediaRecorder(stream, { mimeType: chosen[0] }) : new MediaRecorder(stream);
      recorder.addEventListener("dataavailable", function (e) { if (e.data && e.data.size) chunks.push(e.data); });
      recorder.addEventListener("stop", finish);
      recorder.start(1000);
      seconds = 0;
      time.textContent = clock(0);
      ticking = setInterval(function () {
        seconds += 1;
        time.textContent = clock(seconds);
        if (seconds >= MAX_SECONDS) stop.click();
      }, 1000);
      show(start, false); show(again, false); show(review, false);
      show(stop, true); show(timer, true);
      stop.focus();
      say("msgRecording");
    }, function () {
      say("msgDenied");
    });
  });

  stop.addEventListener("click", function () {
    if (recorder && recorder.state !== "inactive") recorder.stop();
    release();
  });

  function finish() {
    var type = (recorder && recorder.mimeType) || (chosen ? chosen[0] : "audio/webm");
    var extension = chosen ? chosen[1] : "webm";
    if (type.indexOf("mp4") !== -1) extension = "m4a";
    else if (type.indexOf("ogg") !== -1) extension = "ogg";
    var blob = new Blob(chunks, { type: type.split(";")[0] });
    var file = new File([blob], "temoignage." + extension, { type: blob.type });
    var transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(blob);
    audio.src = url;
    show(stop, false); show(timer, false);
    show(review, true); show(again, true);
    again.focus();
    say("msgDone", spoken(seconds));
  }

  again.addEventListener("click", function () {
    input.value = "";
    audio.removeAttribute("src");
    audio.load();
    show(review, false); show(again, false);
    show(start, true);
    start.focus();
    say("msgCleared");
  });
})();
