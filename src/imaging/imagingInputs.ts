// Large inputs cross the IPC pipe once per child: finishing renders every file of a set from the
// same image (ten calls for a favicon set plus a card), and each copy through V8's serializer
// left host memory behind that glibc does not give back (~55 MB after a 2048² conversion,
// bench/results.md). The host sends an input's bytes the first time with an id and afterwards the
// id alone; the child keeps the few latest inputs by id.

/** An input as it crosses: its bytes with an id the first time, the id after. */
export type InputOnWire = { readonly imagegenInput: number; readonly bytes?: Uint8Array };
/** Below this, bytes are sent each time: an id would save nothing worth the bookkeeping. */
const sharedFrom = 256 * 1024;
/** How many inputs the child keeps: one conversion uses one image (and its keyed-out pixels). */
export const keptInputs = 4;

/** The host side, one per child: which inputs this child has already been sent. */
export class InputSender {
  private readonly sent = new WeakMap<Uint8Array, number>();
  private nextId = 1;

  /** The call's arguments with large byte arrays (alone or as a RawImage's `data`) sent once. */
  encode(args: readonly unknown[]): unknown[] {
    return args.map((arg) => {
      if (arg instanceof Uint8Array) return this.bytes(arg);
      if (arg && typeof arg === 'object' && (arg as { data?: unknown }).data instanceof Uint8Array) return { ...arg, data: this.bytes((arg as { data: Uint8Array }).data) };
      return arg;
    });
  }

  /** Sends every input of `args` whole next time (the child no longer had one). */
  forget(args: readonly unknown[]): void {
    for (const arg of args) {
      if (arg instanceof Uint8Array) this.sent.delete(arg);
      else if (arg && typeof arg === 'object' && (arg as { data?: unknown }).data instanceof Uint8Array) this.sent.delete((arg as { data: Uint8Array }).data);
    }
  }

  private bytes(bytes: Uint8Array): Uint8Array | InputOnWire {
    if (bytes.byteLength < sharedFrom) return bytes;
    const known = this.sent.get(bytes);
    if (known !== undefined) return { imagegenInput: known };
    const id = this.nextId++;
    this.sent.set(bytes, id);
    return { imagegenInput: id, bytes };
  }
}

/** The child no longer has an input (more conversions at once than it keeps): the host sends it again. */
export class InputGone extends Error {
  override readonly name = 'InputGone';
}

const isWire = (value: unknown): value is InputOnWire => value !== null && typeof value === 'object' && typeof (value as InputOnWire).imagegenInput === 'number';

/** The child side: inputs by id, the latest few kept. */
export class InputStore {
  private readonly inputs = new Map<number, Uint8Array>();

  decode(args: readonly unknown[]): unknown[] {
    return args.map((arg) => {
      if (isWire(arg)) return this.bytes(arg);
      if (arg && typeof arg === 'object' && isWire((arg as { data?: unknown }).data)) return { ...arg, data: this.bytes((arg as { data: InputOnWire }).data) };
      return arg;
    });
  }

  private bytes(wire: InputOnWire): Uint8Array {
    if (wire.bytes) {
      this.inputs.delete(wire.imagegenInput);
      this.inputs.set(wire.imagegenInput, wire.bytes);
      while (this.inputs.size > keptInputs) this.inputs.delete(this.inputs.keys().next().value!);
      return wire.bytes;
    }
    const kept = this.inputs.get(wire.imagegenInput);
    if (!kept) throw new InputGone(`input ${wire.imagegenInput} is no longer kept by the image library's process`);
    // Used again: it stays among the latest.
    this.inputs.delete(wire.imagegenInput);
    this.inputs.set(wire.imagegenInput, kept);
    return kept;
  }
}
