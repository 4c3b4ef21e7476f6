import { createRoot } from 'react-dom/client';
import '@/components/aspen.css';
import { Panel } from './Panel';

createRoot(document.getElementById('root')!).render(<Panel />);
