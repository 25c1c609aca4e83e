// src/error.ts
var e = class extends Error {
	details;
	constructor(e, t = {}, n) {
		super(e, n), this.details = Object.freeze({ ...t });
	}
}, t = Object.freeze({
	status: "web-eid:status",
	authenticate: "web-eid:authenticate",
	getSigningCertificate: "web-eid:get-signing-certificate",
	sign: "web-eid:sign"
}), n = Object.freeze(Object.values(t)), r = "2.1.0", i = Object.freeze({
	userCancelled: "ERR_WEBEID_USER_CANCELLED",
	userTimeout: "ERR_WEBEID_USER_TIMEOUT",
	actionPending: "ERR_WEBEID_ACTION_PENDING",
	missingParameter: "ERR_WEBEID_MISSING_PARAMETER",
	contextInsecure: "ERR_WEBEID_CONTEXT_INSECURE",
	nativeInvalidArgument: "ERR_WEBEID_NATIVE_INVALID_ARGUMENT",
	nativeFatal: "ERR_WEBEID_NATIVE_FATAL",
	unknown: "ERR_WEBEID_UNKNOWN_ERROR",
	extensionUnavailable: "ERR_WEBEID_EXTENSION_UNAVAILABLE",
	actionTimeout: "ERR_WEBEID_ACTION_TIMEOUT"
});
Object.freeze({
	"SHA-256": 32,
	"SHA-384": 48,
	"SHA-512": 64
});
function a(e) {
	return typeof e == "object" && !!e && !Array.isArray(e);
}
function o(e) {
	return typeof e == "string" && n.includes(e);
}
function s(e) {
	if (!a(e) || typeof e.action != "string") return;
	let t = e.action.replace(/-(ack|success|failure)$/, "");
	return o(t) ? t : void 0;
}
// src/page/web-eid.ts
var c = class extends e {
	code;
	name = "WebEidError";
	detail;
	constructor(e, t, n) {
		super(t, {
			webEidCode: e,
			...n === void 0 ? {} : { detail: n }
		}), this.code = e, this.detail = n;
	}
}, l = 1e3, u = 12e4, d = /* @__PURE__ */ new Map(), f = !1;
function p() {
	f || (f = !0, window.addEventListener("message", (e) => {
		if (e.source !== window) return;
		let t = s(e.data);
		if (t === void 0) return;
		let n = d.get(t), r = e.data;
		if (n !== void 0 && typeof r.action == "string") {
			if (r.action.endsWith("-ack")) clearTimeout(n.ackTimer), n.ackTimer = void 0;
			else {
				if (r.action.endsWith("-success")) return m(t, () => n.resolve(r));
				if (r.action.endsWith("-failure")) {
					let e = typeof r.error == "object" && r.error !== null ? r.error : {}, a = typeof e.code == "string" && Object.values(i).includes(e.code) ? e.code : i.unknown, o = typeof e.detail == "string" ? e.detail : void 0;
					m(t, () => n.reject(new c(a, typeof e.message == "string" ? e.message : a, o)));
				}
			}
		}
	}));
}
function m(e, t) {
	let n = d.get(e);
	n !== void 0 && (clearTimeout(n.ackTimer), clearTimeout(n.replyTimer), d.delete(e), t());
}
function h(e, t, n) {
	return d.has(e) ? Promise.reject(new c(i.actionPending, `${e} is already pending`)) : window.isSecureContext ? (p(), new Promise((a, o) => {
		d.set(e, {
			resolve: a,
			reject: o,
			ackTimer: setTimeout(() => m(e, () => o(new c(i.extensionUnavailable, "the extension did not answer"))), l),
			replyTimer: setTimeout(() => m(e, () => o(new c(i.actionTimeout, `${e} got no reply in time`))), n)
		}), window.postMessage({
			action: e,
			libraryVersion: r,
			...t
		}, location.origin);
	})) : Promise.reject(new c(i.contextInsecure, "the page is not a secure context"));
}
var g = (e) => e?.userInteractionTimeout ?? u, _ = (e) => typeof e == "string" ? e : "";
async function v() {
	let e = await h(t.status, {}, 6e3);
	return {
		library: r,
		extension: _(e.extension),
		nativeApp: _(e.nativeApp)
	};
}
async function y(e, n) {
	if (!e) throw new c(i.missingParameter, "authenticate needs a challengeNonce");
	let r = await h(t.authenticate, {
		challengeNonce: e,
		...n ? { options: n } : {}
	}, 6e3 + g(n));
	return {
		unverifiedCertificate: _(r.unverifiedCertificate),
		algorithm: "RS256",
		signature: _(r.signature),
		format: "web-eid:1.0",
		appVersion: _(r.appVersion)
	};
}
async function b(e) {
	let n = await h(t.getSigningCertificate, e ? { options: e } : {}, 6e3 + 2 * g(e));
	return {
		certificate: _(n.certificate),
		supportedSignatureAlgorithms: Array.isArray(n.supportedSignatureAlgorithms) ? n.supportedSignatureAlgorithms : []
	};
}
async function x(e, n, r, a) {
	if (!e) throw new c(i.missingParameter, "sign needs a certificate");
	if (!n) throw new c(i.missingParameter, "sign needs a hash");
	if (!r) throw new c(i.missingParameter, "sign needs a hashFunction");
	let o = await h(t.sign, {
		certificate: e,
		hash: n,
		hashFunction: r,
		...a ? { options: a } : {}
	}, 6e3 + 2 * g(a));
	return {
		signature: _(o.signature),
		signatureAlgorithm: o.signatureAlgorithm
	};
}
export { i as WEB_EID_ERROR, c as WebEidError, y as authenticate, b as getSigningCertificate, x as sign, v as status };
