// The live room: WebRTC peer to peer (the "perfect negotiation" pattern), signalled over
// /ws/rooms/<id>/, with chat, shared notes, a timebox whose clock is the server's, and the
// written answer of a written session.
(function () {
  "use strict";
  var root = document.getElementById("room");
  if (!root || !window.WebSocket) return;
  var withMedia = root.dataset.media === "1";
  var withVideo = root.dataset.video === "1";
  var $ = function (id) { return document.getElementById(id); };

  var ws = null;
  var me = null; // the welcome: our peer id, user, name, role
  var ice = [];
  var peers = {}; // peer id -> {pc, polite, makingOffer, ignoreOffer, queue, tile, name}
  var names = {}; // peer id -> display name
  var localStream = null;
  var cameraTrack = null;
  var screenTrack = null;
  var retryDelay = 1000;
  var leaving = false;

  function send(message) {
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(message)); return true; }
    return false;
  }
  function status(text) { $("room-status").textContent = text; }
  function warn(text) {
    var box = $("room-warning");
    box.textContent = text || "";
    box.hidden = !text;
  }

  // --- local media -----------------------------------------------------------------------
  function constraints(micId, camId) {
    return {
      audio: micId ? { deviceId: { exact: micId } } : true,
      video: withVideo ? (camId ? { deviceId: { exact: camId } } : true) : false
    };
  }
  function startMedia() {
    if (!withMedia) return Promise.resolve();
    localStream = new MediaStream();
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      warn("This browser cannot use a camera or microphone here; you can still see, hear and chat.");
      return Promise.resolve();
    }
    return navigator.mediaDevices.getUserMedia(constraints()).then(function (stream) {
      localStream = stream;
      cameraTrack = stream.getVideoTracks()[0] || null;
      $("local-video").srcObject = stream;
      return listDevices();
    }).catch(function (error) {
      warn("No camera or microphone (" + error.name + "). You can still see, hear and chat.");
    });
  }
  function listDevices() {
    return navigator.mediaDevices.enumerateDevices().then(function (devices) {
      [["audioinput", "mic-select", localStream.getAudioTracks()[0]],
       ["videoinput", "cam-select", localStream.getVideoTracks()[0]]].forEach(function (row) {
        var select = $(row[1]);
        if (!select) return;
        var current = row[2] && row[2].getSettings().deviceId;
        select.innerHTML = "";
        devices.filter(function (d) { return d.kind === row[0]; }).forEach(function (d, i) {
          var option = new Option(d.label || (row[0] === "audioinput" ? "Microphone " : "Camera ") + (i + 1), d.deviceId);
          option.selected = d.deviceId === current;
          select.add(option);
        });
      });
    });
  }
  function replaceTrack(kind, track) {
    Object.keys(peers).forEach(function (id) {
      peers[id].pc.getSenders().forEach(function (sender) {
        if (sender.track && sender.track.kind === kind) sender.replaceTrack(track);
      });
    });
  }
  function switchDevice(kind, deviceId) {
    var wanted = kind === "audio" ? constraints(deviceId, null) : constraints(null, deviceId);
    if (kind === "audio") wanted.video = false; else wanted.audio = false;
    navigator.mediaDevices.getUserMedia(wanted).then(function (stream) {
      var track = kind === "audio" ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
      var old = kind === "audio" ? localStream.getAudioTracks()[0] : cameraTrack;
      if (old) { track.enabled = old.enabled; localStream.removeTrack(old); old.stop(); }
      localStream.addTrack(track);
      if (kind === "video") cameraTrack = track;
      if (!(kind === "video" && screenTrack)) replaceTrack(kind, track);
      $("local-video").srcObject = localStream;
    }).catch(function (error) { warn("Could not switch: " + error.name); });
  }
  function mediaState() {
    var audio = localStream && localStream.getAudioTracks()[0];
    send({ type: "media", audio: !!(audio && audio.enabled),
           video: !!(cameraTrack && cameraTrack.enabled), screen: !!screenTrack });
  }
  function toggle(button, track, onLabel, offLabel) {
    if (!track) return;
    track.enabled = !track.enabled;
    button.setAttribute("aria-pressed", String(!track.enabled));
    button.textContent = track.enabled ? onLabel : offLabel;
    mediaState();
  }
  function shareScreen(button) {
    if (screenTrack) { stopScreen(button); return; }
    if (!navigator.mediaDevices.getDisplayMedia) { warn("This browser cannot share its screen."); return; }
    navigator.mediaDevices.getDisplayMedia({ video: true }).then(function (stream) {
      screenTrack = stream.getVideoTracks()[0];
      screenTrack.onended = function () { stopScreen(button); };
      replaceTrack("video", screenTrack);
      $("local-video").srcObject = stream;
      button.textContent = "Stop sharing";
      button.setAttribute("aria-pressed", "true");
      mediaState();
    }).catch(function () { /* the person cancelled the picker */ });
  }
  function stopScreen(button) {
    if (!screenTrack) return;
    screenTrack.stop();
    screenTrack = null;
    replaceTrack("video", cameraTrack);
    $("local-video").srcObject = localStream;
    button.textContent = "Share screen";
    button.setAttribute("aria-pressed", "false");
    mediaState();
  }

  // --- peers: one RTCPeerConnection per other person, perfect negotiation -----------------
  var mediaOf = {}; // peer id -> the last media flags it announced
  function showMedia(tile, flags) {
    tile.dataset.audio = flags.audio ? "on" : "off";
    tile.dataset.video = flags.video || flags.screen ? "on" : "off";
  }
  function tileFor(id) {
    var tile = document.createElement("figure");
    tile.className = "tile tile-remote";
    tile.dataset.peer = id;
    tile.dataset.state = "new";
    var video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    if (!withVideo) video.className = "audio-only";
    var caption = document.createElement("figcaption");
    caption.textContent = names[id] || "Guest";
    tile.append(video, caption);
    if (mediaOf[id]) showMedia(tile, mediaOf[id]);
    $("tiles").append(tile);
    return tile;
  }
  function peerFor(id) {
    if (peers[id]) return peers[id];
    var pc = new RTCPeerConnection({ iceServers: ice });
    var peer = { pc: pc, polite: me.peer < id, makingOffer: false, ignoreOffer: false,
                 queue: Promise.resolve(), pending: [], tile: tileFor(id) };
    peers[id] = peer;
    var tracks = localStream ? localStream.getTracks() : [];
    tracks.forEach(function (track) {
      var sending = track.kind === "video" && screenTrack ? screenTrack : track;
      pc.addTrack(sending, localStream);
    });
    // Without a camera or microphone of our own we still receive the other side.
    if (!tracks.some(function (t) { return t.kind === "audio"; })) pc.addTransceiver("audio", { direction: "recvonly" });
    if (withVideo && !tracks.some(function (t) { return t.kind === "video"; })) pc.addTransceiver("video", { direction: "recvonly" });
    pc.onnegotiationneeded = function () {
      peer.makingOffer = true;
      pc.setLocalDescription().then(function () {
        send({ type: "signal", to: id, data: { description: pc.localDescription } });
      }).catch(function (error) { console.error("offer", error); })
        .finally(function () { peer.makingOffer = false; });
    };
    pc.onicecandidate = function (event) {
      if (event.candidate) send({ type: "signal", to: id, data: { candidate: event.candidate } });
    };
    pc.ontrack = function (event) {
      var video = peer.tile.querySelector("video");
      if (!video.srcObject) video.srcObject = event.streams[0] || new MediaStream();
      if (!event.streams[0]) video.srcObject.addTrack(event.track);
      video.play().catch(function () { /* autoplay waits for a click */ });
    };
    pc.onconnectionstatechange = function () {
      peer.tile.dataset.state = pc.connectionState;
      if (pc.connectionState === "failed") pc.restartIce();
      showPresence();
    };
    showPresence();
    return peer;
  }
  function onSignal(from, data) {
    if (!withMedia) return;
    var peer = peerFor(from);
    var pc = peer.pc;
    // One signal at a time per peer: a candidate must not overtake its description.
    peer.queue = peer.queue.then(function () {
      if (data.description) {
        var collision = data.description.type === "offer" &&
          (peer.makingOffer || pc.signalingState !== "stable");
        peer.ignoreOffer = !peer.polite && collision;
        if (peer.ignoreOffer) return null;
        return pc.setRemoteDescription(data.description).then(function () {
          // Candidates that came before any description: their transport exists now.
          var early = peer.pending.splice(0);
          early.forEach(function (c) { pc.addIceCandidate(c).catch(function () {}); });
          if (data.description.type !== "offer") return null;
          return pc.setLocalDescription().then(function () {
            send({ type: "signal", to: from, data: { description: pc.localDescription } });
          });
        });
      }
      if (data.candidate) {
        // Kept, not dropped, while there is no remote description: after a collision the
        // other side may answer on the very transport these candidates belong to.
        if (!pc.remoteDescription) { peer.pending.push(data.candidate); return null; }
        return pc.addIceCandidate(data.candidate).catch(function (error) {
          if (!peer.ignoreOffer) throw error;
        });
      }
      return null;
    }).catch(function (error) { console.error("signal", error); });
  }
  function dropPeer(id) {
    var peer = peers[id];
    if (peer) { peer.pc.close(); peer.tile.remove(); delete peers[id]; }
    delete names[id];
    delete mediaOf[id];
    showPresence();
  }
  function dropAll() { Object.keys(peers).forEach(dropPeer); names = {}; }
  function showPresence() {
    var ids = Object.keys(names);
    if (!ids.length) { status("Waiting for the others to join…"); return; }
    var parts = ids.map(function (id) {
      var peer = peers[id];
      var state = peer ? peer.pc.connectionState : "here";
      return names[id] + (withMedia ? " (" + (state === "connected" ? "connected" : state) + ")" : " is here");
    });
    status(parts.join(", "));
  }

  // --- chat ------------------------------------------------------------------------------
  function showMessage(message) {
    var log = $("chat-log");
    if (log.querySelector('[data-id="' + message.id + '"]')) return;
    var item = document.createElement("li");
    item.dataset.id = message.id;
    if (me && message.author === me.user) item.className = "mine";
    var who = document.createElement("strong");
    who.textContent = message.name;
    var when = document.createElement("time");
    when.textContent = new Date(message.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    var body = document.createElement("span");
    body.textContent = message.body;
    item.append(who, " ", when, body);
    log.append(item);
    log.scrollTop = log.scrollHeight;
  }

  // --- shared notes: send our text with the text it started from; the server merges -------
  var notes = $("notes");
  var shadow = ""; // the server's text our edits start from
  var version = 0;
  var sent = null; // text of the edit in flight
  var seq = 0;
  var timer = null;
  function adopt(text) {
    var old = notes.value;
    if (old === text) return;
    var caret = notes.selectionStart, end = notes.selectionEnd, head = 0;
    while (head < old.length && head < text.length && old[head] === text[head]) head++;
    var shift = text.length - old.length;
    notes.value = text;
    if (document.activeElement === notes) {
      notes.setSelectionRange(caret > head ? caret + shift : caret, end > head ? end + shift : end);
    }
  }
  function notesStatus(text) { $("notes-status").textContent = text; }
  function flushNotes() {
    clearTimeout(timer);
    if (sent !== null || notes.value === shadow) return;
    sent = notes.value;
    seq += 1;
    if (!send({ type: "notes", base: shadow, text: sent, seq: seq })) { sent = null; return; }
    notesStatus("Saving…");
  }
  function onNotes(data) {
    var ours = me && data.tag === me.peer + ":" + seq && sent !== null;
    if (ours) {
      version = Math.max(version, data.version);
      if (notes.value === sent) { adopt(data.text); shadow = data.text; }
      else { shadow = sent; } // typed meanwhile: those keystrokes start from what we sent
      sent = null;
      if (notes.value !== shadow) flushNotes(); else notesStatus("Saved");
      return;
    }
    if (data.version <= version) return;
    version = data.version;
    if (sent === null && notes.value === shadow) { adopt(data.text); shadow = data.text; }
  }
  notes.addEventListener("input", function () {
    notesStatus("Typing…");
    clearTimeout(timer);
    timer = setTimeout(flushNotes, 300);
  });

  // --- timebox: the server's clock decides ------------------------------------------------
  var offset = 0; // server time minus our time
  var box = null;
  var warned = false;
  function clock(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    var m = Math.floor(s / 60);
    return m + ":" + String(s % 60).padStart(2, "0");
  }
  function tick() {
    if (!box) return;
    var now = Date.now() + offset;
    var el = $("timebox");
    if (now < box.start) {
      el.textContent = "Starts in " + clock(box.start - now);
      return;
    }
    var left = box.end - now;
    el.textContent = left > 0 ? clock(left) + " left" : "Time is up";
    el.classList.toggle("ending", left <= 120000);
    if (left <= 120000 && left > 0 && !warned) {
      warned = true;
      warn("Two minutes left. Time to agree on the next step" +
           (me && me.role === "mentor" ? " — or take 5 more minutes if your next slot is free." : "."));
    }
    if (left > 120000 && warned) { warned = false; warn(""); }
  }
  function setTimebox(data) {
    box = { start: data.start, end: data.end };
    offset = data.now - Date.now();
    tick();
  }
  setInterval(tick, 500);

  // --- the written answer: the mentor saves it over the API, the room shows it live -------
  function showAnswer(data) {
    var body = $("answer-body");
    if (!data || !body) return;
    body.textContent = data.body;
    body.hidden = false;
    if ($("answer-due")) $("answer-due").hidden = true;
  }
  var answerForm = $("answer-form");
  if (answerForm && window.fetch) answerForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var said = function (text) { $("answer-status").textContent = text; };
    said("Saving…");
    fetch(answerForm.dataset.api, {
      method: "PUT",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": answerForm.querySelector("[name=csrfmiddlewaretoken]").value
      },
      body: JSON.stringify({ body: $("answer-input").value })
    }).then(function (response) {
      return response.json().then(function (data) {
        if (response.ok) {
          said("Saved at " + new Date(data.updated_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".");
          return;
        }
        var errors = data.errors || {};
        said((errors.body || errors.__all__ || [data.detail || "Not saved."]).join(" "));
      });
    }).catch(function () { said("Not saved: the connection failed. Try again."); });
  });

  // --- the socket ------------------------------------------------------------------------
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    ws = new WebSocket(scheme + location.host + root.dataset.socket);
    ws.onopen = function () { retryDelay = 1000; };
    ws.onmessage = function (event) {
      var msg = JSON.parse(event.data);
      var data = msg.data || {};
      switch (msg.type) {
        case "welcome":
          dropAll();
          me = msg;
          ice = msg.ice;
          setTimebox(msg.timebox);
          $("chat-log").innerHTML = "";
          msg.messages.forEach(showMessage);
          if (msg.notes.version >= version) {
            version = msg.notes.version;
            if (notes.value === shadow) { adopt(msg.notes.text); shadow = msg.notes.text; }
          }
          sent = null;
          flushNotes(); // anything typed while we were away
          showAnswer(msg.answer);
          root.dataset.connected = "1";
          if (withMedia) mediaState();
          showPresence();
          break;
        case "join":
        case "here":
          names[msg.from] = data.name;
          if (peers[msg.from]) peers[msg.from].tile.querySelector("figcaption").textContent = data.name;
          if (msg.type === "join") {
            // Those already in the room call the newcomer, who answers: one offer per
            // pair, so the two sides rarely collide (perfect negotiation handles it if so).
            send({ type: "here", to: msg.from, data: {} });
            if (withMedia) { peerFor(msg.from); mediaState(); }
          }
          showPresence();
          break;
        case "leave": dropPeer(msg.from); break;
        case "signal": onSignal(msg.from, data); break;
        case "media":
          mediaOf[msg.from] = data;
          if (peers[msg.from]) showMedia(peers[msg.from].tile, data);
          break;
        case "chat": showMessage(msg); break;
        case "notes": onNotes(msg); break;
        case "timebox": setTimebox(msg); break;
        case "answer": showAnswer(msg); break;
        case "closed":
          leave();
          Object.keys(peers).forEach(dropPeer);
          status(msg.reason || "This room is closed.");
          break;
        case "ended":
          leave();
          location.href = me && me.role === "guest" ? "/dashboard/" : msg.url;
          break;
        case "pong":
          if (msg.t) offset = msg.now + (Date.now() - msg.t) / 2 - Date.now();
          break;
        case "error": warn(msg.message); break;
      }
    };
    ws.onclose = function (event) {
      root.dataset.connected = "";
      if (leaving) return;
      if (event.code === 4404 || event.code === 4409) {
        status("This room is not open to you now.");
        return;
      }
      status("Connection lost; reconnecting…");
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    };
  }
  setInterval(function () { send({ type: "ping", t: Date.now() }); }, 20000);

  $("chat-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = $("chat-input");
    var body = input.value.trim();
    if (body && send({ type: "chat", body: body })) input.value = "";
  });
  $("end").addEventListener("click", function () {
    if (window.confirm("End the session for everyone and go to the debrief?")) {
      flushNotes();
      send({ type: "end" });
    }
  });
  if ($("extend")) $("extend").addEventListener("click", function () { send({ type: "extend" }); });
  if ($("mute")) $("mute").addEventListener("click", function (e) {
    toggle(e.currentTarget, localStream && localStream.getAudioTracks()[0], "Mute", "Unmute");
  });
  if ($("camera")) $("camera").addEventListener("click", function (e) {
    toggle(e.currentTarget, cameraTrack, "Camera off", "Camera on");
  });
  if ($("screen")) $("screen").addEventListener("click", function (e) { shareScreen(e.currentTarget); });
  if ($("mic-select")) $("mic-select").addEventListener("change", function (e) { switchDevice("audio", e.target.value); });
  if ($("cam-select")) $("cam-select").addEventListener("change", function (e) { switchDevice("video", e.target.value); });
  // Leaving closes the socket at once (the leave time counts, and a page kept in the
  // back-forward cache must not stay in the room); coming back from that cache rejoins.
  function leave() {
    leaving = true;
    flushNotes();
    if (ws) ws.close(1000);
  }
  window.addEventListener("pagehide", leave);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && leaving) { leaving = false; connect(); }
  });

  // For diagnostics (and the browser test): frames decoded from each peer.
  window.bitesizeRoom = {
    describe: function () {
      return Object.keys(peers).map(function (id) {
        var pc = peers[id].pc;
        return { peer: id, polite: peers[id].polite, signaling: pc.signalingState,
                 gathering: pc.iceGatheringState, ice: pc.iceConnectionState,
                 connection: pc.connectionState };
      });
    },
    framesDecoded: function () {
      return Promise.all(Object.keys(peers).map(function (id) {
        return peers[id].pc.getStats().then(function (report) {
          var frames = 0;
          report.forEach(function (s) { if (s.type === "inbound-rtp" && s.kind === "video") frames += s.framesDecoded || 0; });
          return frames;
        });
      }));
    }
  };

  startMedia().then(connect);
})();
