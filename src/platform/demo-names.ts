/** Invented people for the demo organisation: common Nordic first and last names, mixed at random. */
export const firstNames = [
  'Anne', 'Mette', 'Hanne', 'Lone', 'Susanne', 'Camilla', 'Maria', 'Louise', 'Sofie', 'Ida', 'Emma', 'Freja', 'Åse', 'Øydis',
  'Jens', 'Peter', 'Lars', 'Søren', 'Morten', 'Rasmus', 'Mikkel', 'Anders', 'Thomas', 'Kasper', 'Mads', 'Frederik', 'Ole', 'Bjørn', 'Åke',
  'Karin', 'Ingrid', 'Ulla', 'Birgitte', 'Charlotte', 'Helle', 'Pernille', 'Tove', 'Astrid', 'Signe', 'Klara', 'Elin', 'Märta', 'Göran', 'Östen',
];
export const lastNames = [
  'Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen',
  'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Holm', 'Lund', 'Bach', 'Dahl', 'Krogh',
  'Østergaard', 'Ågesen', 'Ærenlund', 'Lindqvist', 'Åberg', 'Öberg', 'Ängström', 'Berg', 'Sandberg', 'Nordin', 'Vestergaard',
];

/** A small, seeded generator: the same demo every time, so screenshots and tests can rely on it. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
