import { episodeFiles, libraryIndex, libraryReadme } from './build';
import type { EpisodeDef } from './episode';
import { blackThursday } from './episodes/black-thursday-2020';
import { ftxAlameda } from './episodes/ftx-alameda-2022';
import { mangoMarkets } from './episodes/mango-markets-2022';
import { svbUsdcDai } from './episodes/svb-usdc-dai-2023';
import { terra3ac } from './episodes/terra-3ac-2022';

/** The episodes in the order the library lists them (by date). */
export const EPISODES: readonly EpisodeDef[] = [blackThursday, terra3ac, mangoMarkets, ftxAlameda, svbUsdcDai];

/** Every file of assets/library/, by path relative to it. */
export function libraryFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const ep of EPISODES) {
    for (const [rel, content] of Object.entries(episodeFiles(ep))) files[`${ep.id}/${rel}`] = content;
  }
  files['index.json'] = `${JSON.stringify(libraryIndex(EPISODES), null, 2)}\n`;
  files['README.md'] = libraryReadme(EPISODES);
  return files;
}
