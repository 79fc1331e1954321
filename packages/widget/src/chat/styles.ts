/** Styles of the chat window; they live in the widget's shadow root only. */
export const chatCss = `
.win{position:fixed;z-index:2147483001;bottom:96px;right:20px;width:380px;height:660px;max-height:calc(100vh - 116px);display:flex;flex-direction:column;overflow:hidden;background:#fff;color:#111827;border-radius:18px;box-shadow:0 20px 60px rgba(15,23,42,.24),0 4px 14px rgba(15,23,42,.1),0 0 0 1px rgba(15,23,42,.05);transform-origin:100% 100%;animation:pw-in .24s cubic-bezier(.2,.8,.25,1.15)}
.left .win{right:auto;left:20px;transform-origin:0 100%}
.win[hidden],.win [hidden]{display:none!important}
@keyframes pw-in{from{opacity:0;transform:translateY(12px) scale(.96)}to{opacity:1;transform:none}}
.hd{display:flex;align-items:center;gap:12px;padding:18px 14px 18px 18px;background:var(--pc);background-image:linear-gradient(135deg,rgba(255,255,255,.16),rgba(255,255,255,0) 55%,rgba(0,0,0,.1));color:var(--pt);flex:none}
.av{flex:none;width:42px;height:42px;border-radius:50%;display:flex;align-items:center;justify-content:center;font-size:18px;font-weight:700;background:rgba(255,255,255,.2);box-shadow:inset 0 0 0 2px rgba(255,255,255,.35)}
.hd-t{flex:1;min-width:0}
.nm{font-size:16px;font-weight:650;letter-spacing:-.01em;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.st{display:flex;align-items:center;gap:6px;font-size:12.5px;opacity:.88;margin-top:2px}
.st-t{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.dot{flex:none;width:8px;height:8px;border-radius:50%;background:#cbd5e1;box-shadow:0 0 0 2px rgba(255,255,255,.35)}
.st.on .dot{background:#22c55e}
.min{flex:none;width:36px;height:36px;border-radius:50%;border:0;padding:0;margin:0;background:transparent;color:inherit;cursor:pointer;display:flex;align-items:center;justify-content:center;transition:background .15s}
.min:hover{background:rgba(255,255,255,.18)}
.min:focus-visible{outline:2px solid currentColor;outline-offset:1px}
svg{width:22px;height:22px;display:block}
svg.s{fill:none;stroke:currentColor;stroke-width:2.2;stroke-linecap:round;stroke-linejoin:round}
.bn{flex:none;padding:7px 14px;font-size:12.5px;line-height:1.35;text-align:center;background:#fff7ed;color:#9a3412;border-bottom:1px solid #fed7aa}
.bn.off{background:#f1f5f9;color:#334155;border-color:#e2e8f0}
.bd{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:14px 14px 10px;background:#f7f8fa}
.log{display:flex;flex-direction:column}
.row{display:flex;flex-direction:column;align-items:flex-start;margin-top:3px;max-width:100%}
.row.first{margin-top:14px}
.gr{margin-top:2px}
.row.me{align-items:flex-end}
.row.sys{align-items:center}
.who{font-size:12px;font-weight:600;color:#64748b;margin:0 0 4px 12px}
.bub{max-width:82%;padding:9px 13px;border-radius:18px;font-size:14.5px;line-height:1.45;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;background:#fff;color:#111827;box-shadow:0 1px 2px rgba(15,23,42,.08)}
.ag .bub{border-top-left-radius:6px;border-bottom-left-radius:6px}
.ag.first .bub{border-top-left-radius:18px}
.ag.last .bub{border-bottom-left-radius:18px}
.ag.last.first .bub{border-bottom-left-radius:6px}
.me .bub{background:var(--pc);color:var(--pt);border-top-right-radius:6px;border-bottom-right-radius:6px}
.me.first .bub{border-top-right-radius:18px}
.me.last .bub{border-bottom-right-radius:6px}
.sys .bub{background:transparent;box-shadow:none;color:#64748b;font-size:12.5px;text-align:center;padding:4px 10px}
.pending .bub{opacity:.62}
.failed .bub{background:#fef2f2;color:#991b1b;box-shadow:inset 0 0 0 1px #fecaca}
.bub a{color:inherit;text-decoration:underline;text-underline-offset:2px}
.ag .bub a{color:var(--pl)}
.who svg{display:inline-block;width:15px;height:15px;vertical-align:-3px;margin-right:4px}
.tag{margin-left:6px;padding:1px 6px;border-radius:6px;background:#e8edf3;color:#475569;font-size:10px;font-weight:700;letter-spacing:.05em;text-transform:uppercase}
.bot .bub{box-shadow:inset 0 0 0 1px #e2e8f0}
.retry .bub{background:#fffbeb;color:#78350f;box-shadow:inset 3px 0 0 #f59e0b,inset 0 0 0 1px #fde68a}
.att{display:flex;flex-direction:column;align-items:flex-start;gap:6px;margin-top:6px;max-width:82%}
.att img{display:block;max-width:100%;max-height:260px;border-radius:14px;background:#e5e7eb}
.lk{display:inline-flex;align-items:center;gap:6px;padding:8px 12px;border-radius:12px;background:#fff;color:var(--pl);font-weight:600;text-decoration:none;overflow-wrap:anywhere;box-shadow:inset 0 0 0 1px #e2e8f0}
.lk:hover{text-decoration:underline}
.lk svg{flex:none;width:15px;height:15px}
.chs{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px;max-width:92%}
.ch{padding:8px 14px;border-radius:18px;background:#fff;color:var(--pl);font-size:14px;font-weight:600;line-height:1.3;text-align:left;overflow-wrap:anywhere;box-shadow:inset 0 0 0 1.5px var(--pl);transition:background .15s,color .15s}
.ch:hover:not(:disabled){background:var(--pc);color:var(--pt);box-shadow:inset 0 0 0 1.5px var(--pc)}
.ch.hu{color:#334155;box-shadow:inset 0 0 0 1.5px #cbd5e1}
.ch:disabled{opacity:.45;cursor:default}
.ch.on{opacity:1;background:var(--pc);color:var(--pt);box-shadow:none}
.ch:focus-visible,.lk:focus-visible{outline:2px solid var(--pc);outline-offset:2px}
.meta{font-size:11px;color:#94a3b8;margin:4px 8px 0}
.failed .meta{color:#dc2626;font-weight:600}
.typing{margin-top:14px}
.dots{display:flex;gap:4px;padding:13px 14px;border-bottom-left-radius:6px}
.dots i{width:7px;height:7px;border-radius:50%;background:#94a3b8;animation:pw-dot 1.2s infinite ease-in-out}
.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}
@keyframes pw-dot{0%,60%,100%{transform:none;opacity:.5}30%{transform:translateY(-4px);opacity:1}}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.ft{flex:none;padding:8px 12px 6px;background:#fff;border-top:1px solid #eef0f3}
.msgs{display:flex;align-items:flex-start;gap:8px;font-size:12.5px;line-height:1.35}
.err{flex:1;color:#dc2626;padding:2px 4px 6px}
.cnt{margin-left:auto;color:#64748b;padding:2px 4px 6px;font-variant-numeric:tabular-nums}
.cnt.over{color:#dc2626;font-weight:600}
.box{display:flex;align-items:flex-end;gap:8px;padding:5px 5px 5px 14px;border:1px solid #e2e8f0;border-radius:24px;background:#fff;transition:border-color .15s,box-shadow .15s}
.box:focus-within{border-color:var(--pc);box-shadow:0 0 0 3px var(--pr)}
textarea{flex:1;min-width:0;border:0;outline:0;resize:none;margin:0;padding:8px 0;background:transparent;color:#111827;font:inherit;font-size:14.5px;line-height:1.4;max-height:120px;height:36px}
textarea::placeholder{color:#94a3b8}
.send{flex:none;width:38px;height:38px;border-radius:50%;border:0;padding:0;margin:0;background:var(--pc);color:var(--pt);cursor:pointer;display:flex;align-items:center;justify-content:center;transition:opacity .15s,transform .15s}
.send svg{width:20px;height:20px}
.send:hover{transform:scale(1.05)}
.send.off{opacity:.38}
.send:focus-visible{outline:2px solid var(--pc);outline-offset:2px}
.pw-by{text-align:center;font-size:11px;color:#a0aec0;padding:7px 0 1px;letter-spacing:.01em}
@media (max-width:480px){.win,.left .win{inset:0;width:100%;height:100%;max-height:none;border-radius:0;bottom:0;right:0;left:0;animation-name:pw-up}textarea{font-size:16px}}
@keyframes pw-up{from{opacity:0;transform:translateY(24px)}to{opacity:1;transform:none}}
@media (prefers-reduced-motion:reduce){.win,.dots i{animation:none}.ch{transition:none}}
`;
