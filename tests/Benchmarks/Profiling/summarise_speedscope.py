#!/usr/bin/env python3
"""Summarises a dotnet-trace speedscope export (the harness's --trace writes one): sampled time per frame,
exclusive and inclusive, leaving out threads' idle stacks (waiting for work, sockets, timers, Hangfire).

usage: summarise_speedscope.py TRACE.speedscope.json [TOP] [REGEX of frames for the inclusive list]
"""
import json, sys, collections, re

IDLE = re.compile(r'Thread \(|Hangfire|Heartbeat|WaitRenewingLease|LowLevelLifoSemaphore|WaitHandle\.Wait|Monitor\.Wait|Thread\.Sleep|SocketAsyncEngine\.EventLoop|WaitForSignal|Interop\+Sys\.WaitForSocketEvents|ThreadPoolWorkQueue\.Dispatch$|PortableThreadPool\+GateThread|TimerQueue|Unmanaged code|ManualResetEventSlim\.Wait|SemaphoreSlim\.Wait|Task\.SpinThenBlockingWait|Task\.InternalWaitCore|WorkerThread\.WorkerThreadStart')
d = json.load(open(sys.argv[1]))
frames = [f['name'] for f in d['shared']['frames']]
incl = collections.Counter(); excl = collections.Counter(); total = 0.0
def add(stack, w):
    global total
    while stack and frames[stack[-1]] in ('UNMANAGED_CODE_TIME', 'CPU_TIME'): stack = stack[:-1]
    if not stack: return
    leaf = frames[stack[-1]]
    if IDLE.search(leaf): return
    total += w
    excl[leaf] += w
    for n in set(frames[i] for i in stack): incl[n] += w
for p in d['profiles']:
    if p['type'] == 'sampled':
        for s, w in zip(p['samples'], p['weights']): add(s, w)
    else:
        stack = []; last = None
        for e in p['events']:
            if last is not None and stack: add(list(stack), e['at'] - last)
            last = e['at']
            if e['type'] == 'O': stack.append(e['frame'])
            else:
                if stack: stack.pop()
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
filt = sys.argv[3] if len(sys.argv) > 3 else None
print(f"busy total {total:.0f}")
print("== exclusive")
for n, w in excl.most_common(top): print(f"{100*w/total:6.1f}%  {n[:160]}")
print("== inclusive")
for n, w in incl.most_common(400):
    if filt and not re.search(filt, n): continue
    print(f"{100*w/total:6.1f}%  {n[:160]}")
